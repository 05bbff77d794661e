import type { Direction } from '../schemas/common.ts';

// Matched against the start of each word of the metric name, so `accuracy` counts as `acc`
// and `metrics/mAP50-95B` as `map`, while `lower` or `power` never count as `wer`.
const MIN_WORDS = ['loss', 'err', 'mae', 'mse', 'rmse', 'perplexity', 'wer', 'cer', 'latency'];
const MAX_WORDS = ['acc', 'f1', 'auc', 'precision', 'recall', 'map', 'bleu', 'rouge', 'r2', 'iou', 'dice'];

/**
 * Guesses whether smaller or larger is better from a metric's name (run-formats.md §1).
 * The last matching word wins because names read general → specific (`val/box_loss`).
 */
export function guessDirection(name: string): Direction | null {
	const words = name
		.toLowerCase()
		.split(/[^a-z0-9]+/)
		.filter(Boolean);
	for (let i = words.length - 1; i >= 0; i--) {
		const word = words[i]!;
		if (MIN_WORDS.some((w) => word.startsWith(w))) return 'min';
		if (MAX_WORDS.some((w) => word.startsWith(w))) return 'max';
	}
	return null;
}
