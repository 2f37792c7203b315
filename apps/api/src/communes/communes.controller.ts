import { Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Roles } from '@app/auth';
import { AppError } from '@app/common';
import { badFile, COMMUNE_FILE_MAX_BYTES, CommunesService } from '@app/reference';
import { STAFF_ROLES } from '@app/workflow';
import {
  CommuneCodeParam,
  CommuneImportResultDto,
  CommuneListQuery,
  CommunePageDto,
  CommuneResolutionDto,
  CommuneResolveQuery,
  CommuneViewDto,
} from './communes.dto';

const tooLarge = () =>
  new AppError('PAYLOAD_TOO_LARGE', `The communes file is larger than ${COMMUNE_FILE_MAX_BYTES} bytes`, {
    maxBytes: COMMUNE_FILE_MAX_BYTES,
  });

/** Staff pick a commune when the map is not enough, and ask which commune a point is in (docs/api.md#communes). */
@ApiTags('communes')
@ApiBearerAuth()
@Controller('api/v1/communes')
@Roles(...STAFF_ROLES)
export class CommunesController {
  constructor(private readonly communes: CommunesService) {}

  @Get()
  @ApiOkResponse({ type: CommunePageDto })
  list(@Query() query: CommuneListQuery) {
    return this.communes.search({ q: query.q, provinceCode: query.provinceCode }, query);
  }

  /** `{ commune }`, null when no commune agency's jurisdiction contains the point. */
  @Get('resolve')
  @ApiOkResponse({ type: CommuneResolutionDto })
  async resolve(@Query() query: CommuneResolveQuery) {
    return { commune: await this.communes.resolve(query) };
  }

  @Get(':code')
  @ApiOkResponse({ type: CommuneViewDto })
  get(@Param() { code }: CommuneCodeParam) {
    return this.communes.get(code);
  }
}

/** The admin loads the official list (docs/api.md#communes). */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/v1/admin/communes')
@Roles('admin')
export class AdminCommunesController {
  constructor(private readonly communes: CommunesService) {}

  @Post('import')
  @HttpCode(200)
  @ApiOkResponse({
    type: CommuneImportResultDto,
    description: 'or 400 VALIDATION_FAILED, details.reason "invalid_rows" with the bad lines: nothing written',
  })
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({
    description:
      'a CSV (header code,name,kind,province_code,province_name; UTF-8) or JSON file in the multipart field "file", ' +
      'or a JSON array of { code, name, kind, provinceCode, provinceName }',
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
  })
  async import(@Req() request: FastifyRequest) {
    if (!request.isMultipart()) {
      if (!Array.isArray(request.body)) {
        throw badFile('send a CSV or JSON file in the multipart field "file", or a JSON array of communes');
      }
      return this.communes.import(request.body);
    }
    let buffer: Buffer;
    try {
      const part = await request.file({ limits: { fileSize: COMMUNE_FILE_MAX_BYTES } });
      if (!part || part.fieldname !== 'file') throw badFile('send the file in the multipart field "file"');
      buffer = await part.toBuffer();
      if (part.file.truncated) throw tooLarge();
    } catch (e) {
      if (e instanceof AppError) throw e;
      if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
      throw badFile('the multipart body is malformed');
    }
    return this.communes.import(buffer);
  }
}
