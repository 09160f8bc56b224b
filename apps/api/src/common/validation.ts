import { applyDecorators, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidateBy, ValidateIf } from 'class-validator';

/**
 * Of several broken rules on one field, the most basic one is reported ("must be a string"
 * rather than "must be shorter"), whatever order the decorators were written in.
 */
const FIRST = ['whitelistValidation', 'isNotNull', 'isDefined', 'isString', 'isInt', 'isNumber', 'isBoolean', 'isArray', 'isObject', 'isUuid', 'isIn', 'isEnum'];

function mainConstraint(constraints: Record<string, string>): string | undefined {
  const name = FIRST.find((c) => c in constraints) ?? Object.keys(constraints)[0];
  return name ? constraints[name] : undefined;
}

/** "items[3].value must be a number" — every message names the field it is about. */
function flatten(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent ? `${parent}.${error.property}` : error.property;
    // A null that any rule refuses is named as such: the field may be required or only omittable.
    const message = error.value === null && error.constraints && !error.constraints.whitelistValidation
      ? `${error.property} must not be null`
      : mainConstraint(error.constraints ?? {});
    const own = message === undefined ? [] : [message.startsWith(`${error.property} `) ? `${path}${message.slice(error.property.length)}` : `${path}: ${message}`];
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

/**
 * The field may be left out, but not sent as null: for columns that are NOT NULL. (@IsOptional
 * lets null through to the database.) Fields that null clears keep @IsOptional and say
 * `nullable: true` in their @ApiProperty.
 */
export const OptionalNotNull = () =>
  applyDecorators(
    ValidateIf((_, value) => value !== undefined),
    ValidateBy({
      name: 'isNotNull',
      validator: { validate: (value) => value !== null, defaultMessage: (args) => `${args?.property} must not be null; leave it out to keep it unchanged` },
    }),
  );

/** C0 control characters and DEL, except tab, line feed and carriage return. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function hasControlChars(value: string): boolean {
  return CONTROL.test(value);
}

/** For names and identifiers, which end up in CSV files, tables and log lines. */
export const NoControlChars = (options: { each?: boolean } = {}) =>
  ValidateBy(
    {
      name: 'noControlChars',
      validator: {
        validate: (value) => typeof value !== 'string' || !hasControlChars(value),
        defaultMessage: (args) => `${args?.property} must not contain control characters (tab, line feed and carriage return are allowed)`,
      },
    },
    options,
  );

export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new BadRequestException(flatten(errors).join('; ')),
  });
}
