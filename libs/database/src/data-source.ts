// Entry point for the TypeORM CLI (npm run migration:*); the app builds its own from config.
import 'reflect-metadata';
import { loadConfig } from '@tally/config';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

export default new DataSource(dataSourceOptions(loadConfig()));
