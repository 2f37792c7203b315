import { Controller, Get, Header, Param, ParseUUIDPipe, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '@app/auth';
import { OVERSIGHT_ROLES, REPORTING_ROLES } from '@app/workflow';
import { attachmentDisposition } from '@app/common/downloads';
import { letterFileName, ReminderLettersService, renderLetterHtml, renderLetterPdf } from '@app/letters';
import { LetterQuery, PreparedLettersQuery } from './leadership.dto';
import { PreparedLetterPageDto } from './reminders.responses';

// Letters name citizens' reports and agencies' failings: no shared cache may keep a copy.
const NO_STORE = ['Cache-Control', 'no-store'] as const;

@ApiTags('leadership')
@ApiBearerAuth()
@Controller('api/v1/reminders')
export class RemindersController {
  constructor(private readonly letters: ReminderLettersService) {}

  @Get('agencies/:agencyId/letter')
  @Roles(...REPORTING_ROLES)
  @Header(...NO_STORE)
  @ApiOkResponse({
    description: 'the letter as a file: PDF, or HTML with `format=html`',
    content: {
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
      'text/html': { schema: { type: 'string' } },
    },
  })
  @ApiOperation({ summary: "The formal reminder letter (văn bản đôn đốc) for an agency's overdue cases, as of now" })
  async letter(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Query() q: LetterQuery,
    @CurrentUser() user: AuthUser,
  ): Promise<StreamableFile> {
    const letter = await this.letters.letterFor(agencyId, user, { minLevel: q.level });
    const format = q.format ?? 'pdf';
    const disposition = attachmentDisposition(letterFileName(letter.agency.code, letter.issuedAt, format));
    const body = format === 'html' ? Buffer.from(renderLetterHtml(letter), 'utf8') : await renderLetterPdf(letter);
    const type = format === 'html' ? 'text/html; charset=utf-8' : 'application/pdf';
    return new StreamableFile(body, { type, disposition, length: body.length });
  }

  @Get('letters')
  @Roles(...OVERSIGHT_ROLES)
  @ApiOkResponse({ type: PreparedLetterPageDto })
  @ApiOperation({ summary: 'Letters prepared by the weekly job (one per agency with level-3 cases and week)' })
  prepared(@Query() q: PreparedLettersQuery) {
    return this.letters.listPrepared({ agencyId: q.agencyId }, q);
  }

  @Get('letters/:id')
  @Roles(...OVERSIGHT_ROLES)
  @Header(...NO_STORE)
  @ApiOkResponse({ content: { 'text/html': { schema: { type: 'string' } } } })
  @ApiOperation({ summary: 'A prepared letter, as HTML exactly as it was prepared that week' })
  async preparedLetter(@Param('id', ParseUUIDPipe) id: string): Promise<StreamableFile> {
    const { html, agencyCode, weekStart } = await this.letters.preparedHtml(id);
    const body = Buffer.from(html, 'utf8');
    const disposition = attachmentDisposition(letterFileName(agencyCode, weekStart, 'html'));
    return new StreamableFile(body, { type: 'text/html; charset=utf-8', disposition, length: body.length });
  }
}
