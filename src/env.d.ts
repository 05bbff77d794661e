declare namespace App {
	interface Locals {
		/** The site model the page is rendered from, when its page chose one (see `loadPageSite`). */
		site?: import('./model/site-model.ts').SiteModel;
	}
}
