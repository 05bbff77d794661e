import type { RunUnit, StoreAdapter } from '../adapter.ts';
import { dvcliveAdapter } from './dvclive.ts';
import { hfTrainerAdapter } from './hf-trainer.ts';
import { lightningCsvAdapter } from './lightning-csv.ts';
import { manifestAdapter } from './manifest.ts';
import { mlflowFsAdapter } from './mlflow-fs.ts';
import { mlflowSqliteAdapter } from './mlflow-sqlite.ts';
import { sacredAdapter } from './sacred.ts';
import { tensorboardAdapter } from './tensorboard.ts';
import { wandbAdapter } from './wandb.ts';

/**
 * Every kind of run store ingest reads, in the order discovery asks them about a path (the first that
 * claims it wins). A new kind is one module in this folder and one line here.
 */
export const ADAPTERS: readonly StoreAdapter<RunUnit>[] = [
	mlflowFsAdapter,
	mlflowSqliteAdapter,
	manifestAdapter,
	sacredAdapter,
	dvcliveAdapter,
	wandbAdapter,
	hfTrainerAdapter,
	tensorboardAdapter,
	lightningCsvAdapter,
];
