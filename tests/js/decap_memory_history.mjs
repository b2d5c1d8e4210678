// decap-cms-core's routing/history.js with an in-memory history instead of
// the browser's address bar (createHashHistory needs a DOM): the modules the
// tests use import it on the way, and never navigate.
import { createMemoryHistory } from 'history';

const history = createMemoryHistory();
export function navigateToCollection(collectionName) {
  return history.push(`/collections/${collectionName}`);
}
export function navigateToNewEntry(collectionName) {
  return history.replace(`/collections/${collectionName}/new`);
}
export function navigateToEntry(collectionName, slug) {
  return history.replace(`/collections/${collectionName}/entries/${slug}`);
}
export { history };
