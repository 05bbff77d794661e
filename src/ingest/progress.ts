/** Draws a progress bar on a terminal; silent when stderr is not one (CI logs, pipes). */
export function makeProgressBar(stream: NodeJS.WriteStream, label: string): { update: (done: number, total: number) => void; end: () => void } {
	if (!stream.isTTY) return { update() {}, end() {} };
	let last = 0;
	let drawn = false;
	const draw = (done: number, total: number) => {
		const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - label.length - 30));
		const filled = total === 0 ? width : Math.round((done / total) * width);
		stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} runs`);
		drawn = true;
	};
	return {
		update(done, total) {
			const now = Date.now();
			if (done === total || now - last > 80) {
				last = now;
				draw(done, total);
			}
		},
		end() {
			if (drawn) stream.write('\r\u001b[K');
		},
	};
}
