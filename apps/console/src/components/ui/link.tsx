'use client';

import { useRouter } from 'next/navigation';
import type { AnchorHTMLAttributes, MouseEvent } from 'react';

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string };

/**
 * A link to a console page: a plain click navigates inside the app (the App Router's
 * `router.push`: no reload, the query cache kept); anything else (a new tab with Ctrl, ⌘ or the
 * middle button, `target`, `download`, another origin) is the browser's own link. Not
 * `next/link`, whose viewport prefetching costs every route 2 KiB of its first load and buys
 * nothing here: every console page is dynamic and fetches its data in the browser.
 */
export function Link({ href, onClick, ...rest }: LinkProps) {
  const router = useRouter();
  const navigate = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || !isPlainClick(event)) return;
    if (!href.startsWith('/') || rest.target || rest.download !== undefined) return;
    event.preventDefault();
    router.push(href);
  };
  return <a href={href} onClick={navigate} {...rest} />;
}

const isPlainClick = (event: MouseEvent) =>
  event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
