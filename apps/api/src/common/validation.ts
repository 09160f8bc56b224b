import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/**
 * Of several broken rules on one field, the most basic one is reported ("must be a string"
 * rather than "must be shorter"), whatever order the decorators were written in.
 */
const FIRST = ['whitelistValidation', 'isDefined', 'isString', 'isInt', 'isNumber', 'isBoolean', 'isArray', 'isObject', 'isUuid', 'isIn', 'isEnum'];

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
    const message = mainConstraint(error.constraints ?? {});
    const own = message === undefined ? [] : [message.startsWith(`${error.property} `) ? `${path}${message.slice(error.property.length)}` : `${path}: ${message}`];
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new BadRequestException(flatten(errors).join('; ')),
  });
}
