/**
 * `npm run analytics:demo`: fills the configured store (the embedded database in DATA_DIR, or DATABASE_URL)
 * with a month of synthetic traffic (`scripts/analytics-demo/traffic.ts`), so the analytics page has something
 * to show on a fresh machine. Demo mode only: it refuses to write into a production store. Each run adds a
 * month ending now; use a fresh DATA_DIR for a clean demo.
 */
import { loadConfig } from '../src/config/load-config.js';
import { openStore } from '../src/store/open-store.js';
import { demoTraffic } from './analytics-demo/traffic.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  if (config.mode === 'production') {
    console.error('analytics:demo writes synthetic data: it runs in demo mode only (CDS_MODE=demo)');
    process.exit(2);
  }
  const store = await openStore(config);
  const { cards, feedback, patients } = demoTraffic(config, Date.now());
  for (let i = 0; i < cards.length; i += 500) await store.recordCards(cards.slice(i, i + 500));
  const receipt = await store.recordFeedback(feedback);
  await store.close();
  console.log(
    `analytics:demo: ${cards.filter((c) => !c.shadow).length} cards (${cards.filter((c) => c.shadow).length} shadow) for ${patients} patients over 30 days, ` +
      `${receipt.stored} feedback items (${receipt.unmatched} for unknown cards) written to the ${store.engine === 'sqlite' ? `embedded store in ${config.dataDir}` : 'PostgreSQL store'}`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
