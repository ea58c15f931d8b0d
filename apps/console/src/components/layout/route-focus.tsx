'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useRef } from 'react';

/** How long a page may take to show its heading (it may load its data first). */
const WAIT_FOR_HEADING_MS = 5_000;

/**
 * After a client-side navigation, moves focus to the page's main heading, as a full page load
 * would put a screen reader at the top: otherwise focus stays on a link that is gone, and
 * nothing announces the new page. Not on the first load, and never away from a field the person
 * has started typing in meanwhile.
 */
export function RouteFocus() {
  const pathname = usePathname();
  const firstLoad = useRef(true);

  useEffect(() => {
    if (firstLoad.current) {
      firstLoad.current = false;
      return;
    }
    return focusMainHeadingWhenShown();
  }, [pathname]);
  return null;
}

function focusMainHeadingWhenShown(): () => void {
  const main = document.getElementById('main');
  if (!main) return () => {};
  const tryFocus = () => {
    const heading = main.querySelector<HTMLElement>('h1') ?? main.querySelector('h2');
    if (!heading) return false;
    if (!isTyping()) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    }
    return true;
  };
  if (tryFocus()) return () => {};
  const observer = new MutationObserver(() => {
    if (tryFocus()) stop();
  });
  const timer = setTimeout(() => stop(), WAIT_FOR_HEADING_MS);
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
  };
  observer.observe(main, { childList: true, subtree: true });
  return stop;
}

function isTyping(): boolean {
  const active = document.activeElement;
  return (
    active instanceof HTMLInputElement ||
    active instanceof HTMLTextAreaElement ||
    active instanceof HTMLSelectElement ||
    (active instanceof HTMLElement && active.isContentEditable)
  );
}
