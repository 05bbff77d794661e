/** The site's name, shown in the header, titles and feeds. */
export const SITE_TITLE = 'Hindsight';
/** One line on what the site holds. */
export const SITE_DESCRIPTION = "The team's monthly retrospectives, decision records and experiments, with the runs behind them.";
