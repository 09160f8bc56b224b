import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/** "items[3].value must be a number" — every message names the field it is about. */
function flatten(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((m) =>
      m.startsWith(`${error.property} `) ? `${path}${m.slice(error.property.length)}` : `${path}: ${m}`,
    );
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => new BadRequestException(flatten(errors).join('; ')),
  });
}
