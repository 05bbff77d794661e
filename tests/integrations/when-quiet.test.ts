import { EventEmitter } from 'node:events';
import type { ViteDevServer } from 'vite';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runWhenQuiet } from '../../src/integrations/when-quiet.ts';

type Handler = (request: unknown, response: EventEmitter, next: () => void) => void;

/** A dev server reduced to what runWhenQuiet uses: its middleware list, and a way to answer a request. */
function createServer() {
	const handlers: Handler[] = [];
	const server = { middlewares: { use: (handler: Handler) => handlers.push(handler) } } as unknown as ViteDevServer;
	const answer = () => {
		const response = new EventEmitter();
		for (const handler of handlers) handler({}, response, () => {});
		response.emit('finish');
	};
	return { server, answer };
}

describe('runWhenQuiet', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it('waits for the first response, then for a quiet spell, and runs the task once', () => {
		const { server, answer } = createServer();
		const task = vi.fn();
		runWhenQuiet(server, 3000, task);
		vi.advanceTimersByTime(10_000);
		expect(task).not.toHaveBeenCalled();
		answer();
		vi.advanceTimersByTime(2000);
		answer(); // a request inside the spell starts it again
		vi.advanceTimersByTime(2500);
		expect(task).not.toHaveBeenCalled();
		vi.advanceTimersByTime(600);
		expect(task).toHaveBeenCalledTimes(1);
		answer();
		vi.advanceTimersByTime(10_000);
		expect(task).toHaveBeenCalledTimes(1);
	});
});
