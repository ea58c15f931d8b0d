import { lazy, type ComponentType } from 'react';

// React.lazy's own bound: any props.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyComponent = ComponentType<any>;

/**
 * A component loaded when first rendered (React.lazy for a named export), so that what a page
 * shows later or on demand (a dialog, a panel below the fold) stays out of its first load.
 * Render it inside a `<Suspense>`.
 */
export function lazyComponent<M extends Record<K, AnyComponent>, K extends keyof M>(
  load: () => Promise<M>,
  name: K,
) {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}
