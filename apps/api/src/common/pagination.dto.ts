import { Type as NestType } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 500;

const DECIMAL = /^-?[0-9]{1,16}$/;

/**
 * An integer query parameter: plain decimal digits only. Number() would also read "0x10",
 * "0b11", " 5", "1e3" and "5.0"; those stay strings and fail @IsInt, naming the parameter.
 */
export const IntQuery = () => Transform(({ value }) => (typeof value === 'string' && DECIMAL.test(value) ? Number(value) : value));
const INT_MSG = (name: string) => ({ message: `${name} must be an integer written in decimal digits` });

/** limit/offset for every list endpoint (design §5). */
export class PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })
  @IntQuery()
  @IsInt(INT_MSG('limit'))
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = 50;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 1_000_000, default: 0 })
  @IntQuery()
  @IsInt(INT_MSG('offset'))
  @Min(0)
  @Max(1_000_000)
  offset: number = 0;
}

export interface Page<T> {
  items: T[];
  total: number;
}

const pageClasses = new Map<NestType<unknown>, NestType<unknown>>();

/** A named `{ items, total }` schema per item type, for OpenAPI. */
export function PageOf<T>(item: NestType<T>): NestType<Page<T>> {
  const cached = pageClasses.get(item);
  if (cached) return cached as NestType<Page<T>>;
  class PageDto {
    @ApiProperty({ type: item, isArray: true }) items: T[];
    @ApiProperty({ description: 'Matching items in all pages' }) total: number;
  }
  Object.defineProperty(PageDto, 'name', { value: `${item.name.replace(/Dto$/, '')}Page` });
  pageClasses.set(item, PageDto);
  return PageDto;
}
