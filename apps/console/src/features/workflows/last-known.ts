// Last-known data: with no executor of the app connected, the control plane answers workflow
// lists and workflows from its index (marked `lastKnown`), and the pages turn actions off.

/** The banner's id: disabled actions point at it (`aria-describedby`) for their reason. */
export const LAST_KNOWN_BANNER_ID = 'last-known-banner';

/** Why actions are off while the page shows last-known data (their `title`). */
export const NEEDS_LIVE_EXECUTOR = 'Needs a connected executor: this is last-known data.';
