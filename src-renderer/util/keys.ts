/** Whether shortcuts use ⌘ rather than Ctrl. */
export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The modifier key as shortcuts are shown to the user. */
export const MOD = isMac ? '⌘' : 'Ctrl';

/** The modifier as aria-keyshortcuts spells it. */
export const ARIA_MOD = isMac ? 'Meta' : 'Control';
