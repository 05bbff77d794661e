import type { APIContext } from 'astro';
import { renderFeed } from '../../site/feeds.ts';

export const GET = (context: APIContext) => renderFeed(context, 'retros');
