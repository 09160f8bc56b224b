// `npm run --silent key:generate`: a fresh random key for TALLY_ADMIN_KEY (nothing is stored).
import { generateApiKey } from '@tally/security';

process.stdout.write(`${generateApiKey()}\n`);
