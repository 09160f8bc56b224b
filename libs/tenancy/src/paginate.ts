import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

export interface PageRequest {
  limit: number;
  offset: number;
}

export async function paginate<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, page: PageRequest) {
  const [items, total] = await qb.take(page.limit).skip(page.offset).getManyAndCount();
  return { items, total };
}
