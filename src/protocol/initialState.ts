/** The id of the Models page's data block holding its first state (`init`), written by the host into the page's HTML. */
export const INITIAL_STATE_ID = 'byok-initial-state';
