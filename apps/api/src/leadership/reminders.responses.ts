// OpenAPI descriptions of the reminder letters (documentation only: ReminderLettersService in libs/letters
// returns plain objects of this shape; the letters themselves are files, described on their routes).
import { ApiProperty } from '@nestjs/swagger';

/** A letter prepared by the weekly job (PreparedLetterView). */
export class PreparedLetterViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty() agencyCode: string;
  @ApiProperty() agencyName: string;
  @ApiProperty({ format: 'date', description: 'the Monday of the week it was prepared for' }) weekStart: string;
  @ApiProperty({ type: [String], format: 'uuid', description: 'the reports the letter names' }) caseIds: string[];
  @ApiProperty() caseCount: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class PreparedLetterPageDto {
  @ApiProperty({ type: [PreparedLetterViewDto], description: 'newest week first' }) items: PreparedLetterViewDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
