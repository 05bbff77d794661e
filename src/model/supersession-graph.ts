import dagre from '@dagrejs/dagre';
import { curveBasis, line } from 'd3-shape';
import type { Decision } from '../schemas/index.ts';

/** A record drawn in the supersession graph, placed by the layout. */
export interface GraphNode {
	id: string;
	title: string;
	status: Decision['status'];
	date: string;
	x: number;
	y: number;
	width: number;
	height: number;
}

/** The laid-out graph of which record replaced which, predecessors left of successors. */
export interface SupersessionGraph {
	width: number;
	height: number;
	nodes: GraphNode[];
	/** SVG path data, from predecessor to successor. */
	edges: { from: string; to: string; path: string }[];
}

const NODE = { width: 210, height: 46 } as const;

/** Lays out every record that supersedes or is superseded, with dagre; null when no record is. */
export function layoutSupersessionGraph(decisions: readonly Decision[]): SupersessionGraph | null {
	const byId = new Map(decisions.map((decision) => [decision.id, decision]));
	const edges = decisions
		.flatMap((decision) => decision.supersedes.filter((id) => byId.has(id)).map((from) => ({ from, to: decision.id })))
		.sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
	if (edges.length === 0) return null;
	const graph = new dagre.graphlib.Graph();
	graph.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 60, marginx: 8, marginy: 8 });
	graph.setDefaultEdgeLabel(() => ({}));
	const involved = [...new Set(edges.flatMap(({ from, to }) => [from, to]))].sort();
	for (const id of involved) graph.setNode(id, { ...NODE });
	for (const { from, to } of edges) graph.setEdge(from, to);
	dagre.layout(graph);
	const draw = line<{ x: number; y: number }>()
		.x((point) => point.x)
		.y((point) => point.y)
		.curve(curveBasis);
	const { width = 0, height = 0 } = graph.graph();
	return {
		width,
		height,
		nodes: involved.map((id) => {
			const { x, y } = graph.node(id);
			const decision = byId.get(id)!;
			return { id, title: decision.title, status: decision.status, date: decision.date, x: x - NODE.width / 2, y: y - NODE.height / 2, ...NODE };
		}),
		edges: edges.map(({ from, to }) => ({ from, to, path: draw(graph.edge(from, to).points) ?? '' })),
	};
}

/** Shortens a title to fit a graph node, on a word boundary. */
export function shortenTitle(title: string, max = 30): string {
	if (title.length <= max) return title;
	const cut = title.slice(0, max - 1);
	return `${cut.slice(0, cut.lastIndexOf(' ') > max / 2 ? cut.lastIndexOf(' ') : cut.length)}…`;
}
