/**
 * The charts' island on pages without the app (`csr = false`, most public pages): a small script
 * of the page's own, loaded with `defer`, that watches every chart (chart-watch.ts). Chart.svelte
 * puts it in the page's head.
 */
import { watchAll } from './chart-watch';

watchAll();
