import { Transform } from 'class-transformer';

/** Query strings carry text: "true"/"false" become booleans, anything else is left for the validator. */
export const BoolQuery = () =>
  Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));
