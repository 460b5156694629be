// ONE-TIME MIGRATION, to be deleted once the PostgreSQL work is done: turns Tandem's synchronous
// data layer (drizzle on better-sqlite3: `.all()`, `.get()`, `.run()`, `.values()`,
// `db.transaction((tx) => …)`) into the asynchronous one that drizzle's PostgreSQL driver also
// takes (`await query`, `withTransaction(db, async (tx) => …)`), and makes every function that now
// waits for the database async, and every caller await it. Replayable: run it on a tree that has
// src/lib/server/db/{client,transaction,sqlite-async,in-order}.ts, then `npm run check`.
//
//   npx tsx scripts/codemods/async-data-layer.ts            # rewrites the files, prints a report
//   npx tsx scripts/codemods/async-data-layer.ts --dry-run  # the report only
//
// What it does, with the type checker of the project (tsconfig.json):
//  1. `q.all()`, `q.run()` → `(await q)`; `q.get()` → `(await q.limit(1))[0]` (a select without a
//     limit) or `(await q)[0]`; on drizzle query builders only (the method's declaration is
//     drizzle's). `.values()` is reported, not rewritten.
//  2. `db.transaction((tx) => …, options)` → `(await withTransaction(db, async (tx) => …))`.
//  3. `drizzle(connection, { schema })` of drizzle-orm/better-sqlite3 → `databaseOn(connection)`.
//  4. To a fixpoint over the call graph: a function holding a new `await` becomes async (its
//     return type T becomes Promise<T>); every call of it is awaited, which makes its caller
//     async, and so on. An async callback given to an array's map/flatMap/forEach/filter/find/
//     some/every becomes `await mapInOrder(array, callback)` (… in order: one connection); given to
//     `expect(…).toThrow(…)`, the expectation becomes `await expect(call).rejects.toThrow(…)`;
//     given to a function of the project, that function's parameter type `() => R` becomes
//     `() => R | Promise<R>` and its calls of the parameter are awaited. Anything else (getters,
//     constructors, callbacks of other APIs, functions used as values) is listed for a hand fix.
// Files are then formatted with Prettier (which drops the parentheses the rewrite adds).
import { execFileSync } from 'node:child_process';
import { relative, resolve } from 'node:path';
import {
	Node,
	Project,
	SyntaxKind,
	ts,
	type ArrowFunction,
	type CallExpression,
	type FunctionDeclaration,
	type FunctionExpression,
	type Identifier,
	type MethodDeclaration,
	type SourceFile,
	type Type
} from 'ts-morph';

const ROOT = resolve(import.meta.dirname, '../..');
const DRY_RUN = process.argv.includes('--dry-run');

/** The data layer's own modules (already asynchronous) and this script. */
const SKIPPED = [
	'src/lib/server/db/client.ts',
	'src/lib/server/db/transaction.ts',
	'src/lib/server/db/transaction.spec.ts',
	'src/lib/server/db/sqlite-async.ts',
	'src/lib/server/db/in-order.ts',
	'scripts/codemods/'
];
const TRANSACTION_MODULE = 'src/lib/server/db/transaction.ts';
const IN_ORDER_MODULE = 'src/lib/server/db/in-order.ts';
const CLIENT_MODULE = 'src/lib/server/db/client.ts';

/**
 * The analysis sees the database handle as it was before (synchronous drizzle on better-sqlite3),
 * so that the rows a function returned, and what its callers did with them, keep their types.
 * Only in memory: client.ts itself is left as it is.
 */
const SYNCHRONOUS_CLIENT = `
import type Database from 'better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema';
export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;
export declare function databaseOn(sqlite: Database.Database): Db;
export declare function openDatabase(file?: string): Db;
export declare function getDatabase(): Db;
export declare function closeDatabase(): void;
`;

const ARRAY_HELPERS: Record<string, string> = {
	map: 'mapInOrder',
	flatMap: 'flatMapInOrder',
	forEach: 'forEachInOrder',
	filter: 'filterInOrder',
	find: 'findInOrder',
	some: 'someInOrder',
	every: 'everyInOrder'
};
/** Callees that take an async callback as it is. */
const ASYNC_CALLBACK_TAKERS = new Set([
	'withTransaction',
	'afterTransaction',
	'it',
	'test',
	'describe',
	'beforeEach',
	'afterEach',
	'beforeAll',
	'afterAll',
	'bench',
	'action',
	'step',
	'only',
	'skip',
	'each',
	'concurrent',
	'runIf',
	'skipIf'
]);
const THROW_MATCHERS = new Set([
	'toThrow',
	'toThrowError',
	'toThrowErrorMatchingInlineSnapshot',
	'toThrowErrorMatchingSnapshot'
]);

type FunctionLike =
	ArrowFunction | FunctionDeclaration | FunctionExpression | MethodDeclaration | Node;

// ---------------------------------------------------------------------------------------------
// Text edits, applied at the end (the type checker answers on the untouched program meanwhile).

interface Edit {
	start: number;
	end: number;
	text: string;
	/** Openings go before the text at their position, closings after it. */
	kind: 'open' | 'close';
	/** The width of the node the edit belongs to: inner edits nest inside outer ones. */
	width: number;
}

const edits = new Map<SourceFile, Edit[]>();
const imports = new Map<SourceFile, Map<string, Set<string>>>();
const report: string[] = [];
const counts = {
	all: 0,
	get: 0,
	run: 0,
	transactions: 0,
	connections: 0,
	awaited: 0,
	madeAsync: 0,
	arrayHelpers: 0,
	throwExpectations: 0,
	callbackParameters: 0,
	prepared: 0
};

function edit(node: Node, e: Omit<Edit, 'width'> & { width?: number }): void {
	const file = node.getSourceFile();
	let list = edits.get(file);
	if (!list) edits.set(file, (list = []));
	list.push({ width: node.getEnd() - node.getStart(), ...e });
}

function wrap(node: Node, open: string, close: string, widthBonus = 0): void {
	const width = node.getEnd() - node.getStart() + widthBonus;
	edit(node, { start: node.getStart(), end: node.getStart(), text: open, kind: 'open', width });
	edit(node, { start: node.getEnd(), end: node.getEnd(), text: close, kind: 'close', width });
}

function need(file: SourceFile, module: string, name: string): void {
	let byModule = imports.get(file);
	if (!byModule) imports.set(file, (byModule = new Map()));
	let names = byModule.get(module);
	if (!names) byModule.set(module, (names = new Set()));
	names.add(name);
}

function where(node: Node): string {
	return `${relative(ROOT, node.getSourceFile().getFilePath())}:${node.getStartLineNumber()}`;
}

function note(node: Node, message: string): void {
	report.push(`${where(node)}: ${message}`);
}

// ---------------------------------------------------------------------------------------------

function isDrizzle(node: Node | undefined): boolean {
	const declarations = node?.getSymbol()?.getDeclarations() ?? [];
	return declarations.some((d) => d.getSourceFile().getFilePath().includes('/drizzle-orm/'));
}

function isSkipped(file: SourceFile): boolean {
	const path = relative(ROOT, file.getFilePath());
	return (
		path.startsWith('..') ||
		path.includes('node_modules/') ||
		path.startsWith('.svelte-kit/') ||
		path.startsWith('src/lib/paraglide/') ||
		SKIPPED.some((skipped) => path === skipped || path.startsWith(skipped))
	);
}

function enclosingFunction(node: Node): FunctionLike | undefined {
	return node.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a));
}

const madeAsync = new Set<Node>();
const queue: Node[] = [];
/** Arrows removed by `expect(() => call).toThrow` → `expect(call).rejects…`: their awaits move out. */
const dissolved = new Set<Node>();

/** The function now awaits: async, with Promise<T> for a declared T, and its callers to visit. */
function makeAsync(fn: FunctionLike | undefined, reason: Node): void {
	if (fn && dissolved.has(fn)) return makeAsync(enclosingFunction(fn), reason);
	if (!fn) {
		const path = relative(ROOT, reason.getSourceFile().getFilePath());
		if (!/\.(spec|e2e|bench)\.ts$|^scripts\//.test(path))
			note(reason, 'an await at the top level of a module: check');
		return;
	}
	if (madeAsync.has(fn)) return;
	madeAsync.add(fn);
	if (
		Node.isConstructorDeclaration(fn) ||
		Node.isGetAccessorDeclaration(fn) ||
		Node.isSetAccessorDeclaration(fn)
	) {
		note(fn, `a ${fn.getKindName()} now waits for the database: make it a method (hand fix)`);
		return;
	}
	if (!(
		Node.isArrowFunction(fn) ||
		Node.isFunctionDeclaration(fn) ||
		Node.isFunctionExpression(fn) ||
		Node.isMethodDeclaration(fn)
	))
		return;
	if (fn.isAsync()) return;
	if (!Node.isArrowFunction(fn) && fn.isGenerator()) {
		note(fn, 'a generator now waits for the database (hand fix)');
		return;
	}
	counts.madeAsync++;
	const asyncAt = Node.isArrowFunction(fn)
		? fn.getStart()
		: Node.isMethodDeclaration(fn)
			? fn.getNameNode().getStart()
			: fn.getFirstChildByKindOrThrow(SyntaxKind.FunctionKeyword).getStart();
	edit(fn, { start: asyncAt, end: asyncAt, text: 'async ', kind: 'open' });
	const returnType = fn.getReturnTypeNode();
	if (returnType) {
		if (Node.isTypePredicate(returnType))
			note(fn, 'a type predicate now waits for the database (hand fix)');
		else if (!/^Promise</.test(returnType.getText())) wrap(returnType, 'Promise<', '>');
	}
	queue.push(fn);
}

/** `call` returns a promise now: await it where it stands (or rewrite its expectation). */
const awaitedCalls = new Set<Node>();

function awaitCall(call: CallExpression): void {
	const parent = call.getParent();
	if (Node.isAwaitExpression(parent) || awaitedCalls.has(call)) return;
	awaitedCalls.add(call);
	if (
		Node.isPropertyAccessExpression(parent) &&
		['then', 'catch', 'finally'].includes(parent.getName())
	) {
		note(call, 'a promise chain on a call that is now async (hand fix)');
		return;
	}
	// expect(() => call).toThrow(…) → await expect(call).rejects.toThrow(…)
	if (
		Node.isArrowFunction(parent) &&
		parent.getBody() === call &&
		parent.getParameters().length === 0
	) {
		const expectation = madeAsync.has(parent) ? undefined : throwExpectation(parent);
		if (expectation) {
			dissolved.add(parent);
			edit(parent, { start: parent.getStart(), end: call.getStart(), text: '', kind: 'close' });
			rewriteExpectation(expectation);
			return;
		}
	}
	counts.awaited++;
	wrap(call, '(await ', ')');
	makeAsync(enclosingFunction(call), call);
}

interface ThrowExpectation {
	expectCall: CallExpression;
	negated: boolean;
}

/** `fn` is the argument of `expect(fn).toThrow…(…)` (or `.not.toThrow…`). */
function throwExpectation(fn: Node): ThrowExpectation | undefined {
	const expectCall = fn.getParent();
	if (!Node.isCallExpression(expectCall) || expectCall.getArguments()[0] !== fn) return undefined;
	if (expectCall.getExpression().getText() !== 'expect') return undefined;
	let access = expectCall.getParent();
	if (!Node.isPropertyAccessExpression(access)) return undefined;
	let negated = false;
	if (access.getName() === 'not') {
		negated = true;
		access = access.getParent();
		if (!Node.isPropertyAccessExpression(access)) return undefined;
	}
	if (!THROW_MATCHERS.has(access.getName())) return undefined;
	return { expectCall, negated };
}

const rewrittenExpectations = new Set<Node>();
const signatures = new Set<Node>();
const followed = new Set<Node>();
const FIRE_AND_FORGET = new Set([
	'setTimeout',
	'setInterval',
	'setImmediate',
	'queueMicrotask',
	'process.nextTick'
]);

function rewriteExpectation({ expectCall, negated }: ThrowExpectation): void {
	if (rewrittenExpectations.has(expectCall)) return;
	rewrittenExpectations.add(expectCall);
	counts.throwExpectations++;
	const statementWidth = expectCall.getParentOrThrow().getParentOrThrow().getWidth() + 1;
	edit(expectCall, {
		start: expectCall.getStart(),
		end: expectCall.getStart(),
		text: 'await ',
		kind: 'open',
		width: statementWidth
	});
	edit(expectCall, {
		start: expectCall.getEnd(),
		end: expectCall.getEnd(),
		text: negated ? '.resolves' : '.rejects',
		kind: 'close',
		width: statementWidth
	});
	makeAsync(enclosingFunction(expectCall), expectCall);
}

/** An async function `fn` (or a name of one) is given as argument `index` of `call`. */
function asyncCallbackGiven(fn: Node, call: CallExpression, index: number): void {
	const callee = call.getExpression();
	const calleeName = Node.isPropertyAccessExpression(callee) ? callee.getName() : callee.getText();
	// setTimeout(f): fire and forget, as before (a failure was an uncaught exception, it is an
	// unhandled rejection now).
	if (
		FIRE_AND_FORGET.has(callee.getText()) &&
		(Node.isIdentifier(fn) || Node.isPropertyAccessExpression(fn))
	) {
		edit(fn, {
			start: fn.getStart(),
			end: fn.getEnd(),
			text: `() => void ${fn.getText()}()`,
			kind: 'close'
		});
		return;
	}
	// expect(fn).toThrow(…) → await expect(fn()).rejects.toThrow(…)
	if (calleeName === 'expect') {
		const expectation = throwExpectation(fn);
		if (!expectation) {
			note(call, 'an async function given to expect (hand fix)');
			return;
		}
		if (Node.isIdentifier(fn) || Node.isPropertyAccessExpression(fn))
			edit(fn, { start: fn.getEnd(), end: fn.getEnd(), text: '()', kind: 'close' });
		else wrap(fn, '(', ')()', 1);
		rewriteExpectation(expectation);
		return;
	}
	if (Node.isPropertyAccessExpression(callee) && calleeName in ARRAY_HELPERS && index === 0) {
		const array = callee.getExpression();
		if (isArray(awaited(array.getType()))) {
			const helper = ARRAY_HELPERS[calleeName]!;
			counts.arrayHelpers++;
			need(call.getSourceFile(), IN_ORDER_MODULE, helper);
			edit(call, {
				start: array.getStart(),
				end: array.getStart(),
				text: `(await ${helper}(`,
				kind: 'open',
				width: call.getWidth() + 1
			});
			const open = call.getFirstChildByKindOrThrow(SyntaxKind.OpenParenToken);
			edit(call, { start: array.getEnd(), end: open.getEnd(), text: ', ', kind: 'close' });
			edit(call, {
				start: call.getEnd(),
				end: call.getEnd(),
				text: ')',
				kind: 'close',
				width: call.getWidth() + 1
			});
			makeAsync(enclosingFunction(call), call);
			return;
		}
	}
	if (ASYNC_CALLBACK_TAKERS.has(calleeName)) return;
	const target = declarationOf(callee);
	if (target && !isSkipped(target.getSourceFile()) && isFunctionNode(target)) {
		callbackParameterNowAsync(target, index, call);
		return;
	}
	if (target && isSkipped(target.getSourceFile()) && isOwnModule(target.getSourceFile())) return;
	note(call, `an async callback given to ${calleeName}(…) (hand fix if it must be awaited)`);
}

function isOwnModule(file: SourceFile): boolean {
	const path = relative(ROOT, file.getFilePath());
	return !path.startsWith('..') && !path.includes('node_modules/');
}

/** A query's rows (`.all()` is typed Promise<rows> on the asynchronous handle). */
function awaited(type: Type): Type {
	return type.getSymbol()?.getName() === 'Promise' ? (type.getTypeArguments()[0] ?? type) : type;
}

function isArray(type: Type): boolean {
	if (type.isUnion()) return type.getUnionTypes().every(isArray);
	return (
		type.isArray() ||
		type.isTuple() ||
		type.isReadonlyArray?.() === true ||
		type.getSymbol()?.getName() === 'ReadonlyArray'
	);
}

function isFunctionNode(node: Node): node is FunctionLike {
	return (
		Node.isFunctionDeclaration(node) ||
		Node.isMethodDeclaration(node) ||
		Node.isArrowFunction(node) ||
		Node.isFunctionExpression(node)
	);
}

/** The function a callee names (through imports and `const f = (…) => …`). */
function declarationOf(callee: Node): Node | undefined {
	let symbol = Node.isPropertyAccessExpression(callee)
		? callee.getNameNode().getSymbol()
		: callee.getSymbol();
	if (symbol?.isAlias()) symbol = symbol.getAliasedSymbol();
	const declaration = symbol?.getDeclarations()[0];
	if (!declaration) return undefined;
	if (Node.isVariableDeclaration(declaration)) {
		const initializer = declaration.getInitializer();
		return initializer && isFunctionNode(initializer) ? initializer : declaration;
	}
	if (Node.isPropertyAssignment(declaration)) {
		const initializer = declaration.getInitializer();
		return initializer && isFunctionNode(initializer) ? initializer : declaration;
	}
	return declaration;
}

const visitedParameters = new Set<Node>();

/** `target(…)` is given an async callback at `index`: it accepts one and awaits its calls. */
function callbackParameterNowAsync(
	target: FunctionLike,
	index: number,
	call: CallExpression
): void {
	if (!isFunctionNode(target)) return;
	const parameter = (target as FunctionDeclaration).getParameters()[index];
	if (!parameter) {
		note(call, 'an async callback given where no parameter takes it (hand fix)');
		return;
	}
	// (call: () => T) with T a type parameter: the function passes the promise on as it is, and
	// when it returns that T, the call returns the promise: await it.
	const typeParameters = (target as FunctionDeclaration)
		.getTypeParameters()
		.map((t) => t.getName());
	const given = parameter.getTypeNode();
	const passedOn = Node.isFunctionTypeNode(given)
		? given.getReturnTypeNode()?.getText()
		: undefined;
	if (passedOn && typeParameters.includes(passedOn)) {
		if ((target as FunctionDeclaration).getReturnTypeNode()?.getText() === passedOn)
			awaitCall(call);
		return;
	}
	if (visitedParameters.has(parameter)) return;
	visitedParameters.add(parameter);
	const typeNode = parameter.getTypeNode();
	const name = parameter.getNameNode();
	if (!Node.isIdentifier(name)) {
		note(parameter, 'an async callback given to a destructured parameter (hand fix)');
		return;
	}
	counts.callbackParameters++;
	if (typeNode) {
		const functionType = Node.isFunctionTypeNode(typeNode)
			? typeNode
			: Node.isParenthesizedTypeNode(typeNode) && Node.isFunctionTypeNode(typeNode.getTypeNode())
				? typeNode.getTypeNode()
				: undefined;
		if (Node.isFunctionTypeNode(functionType)) {
			const result = functionType.getReturnTypeNode();
			const text = result?.getText() ?? '';
			if (result && !['unknown', 'any'].includes(text) && !/Promise</.test(text))
				wrap(result, '', ` | Promise<${text === 'void' ? 'unknown' : text}>`);
		} else
			note(
				parameter,
				`the parameter type ${typeNode.getText()} now takes an async function (check)`
			);
	}
	for (const reference of referencesOf(name)) {
		if (!target.containsRange(reference.getPos(), reference.getEnd())) continue;
		const parent = reference.getParent();
		if (Node.isCallExpression(parent) && parent.getExpression() === reference) awaitCall(parent);
		else if (reference !== name) valueUse(reference);
	}
}

/** A function that is now async is named somewhere other than as a callee. */
function valueUse(reference: Node): void {
	const parent = reference.getParent();
	if (Node.isTypeQuery(parent)) {
		// ReturnType<typeof f> → Awaited<ReturnType<typeof f>>
		const reference = parent.getParent();
		if (
			Node.isTypeReference(reference) &&
			reference.getTypeName().getText() === 'ReturnType' &&
			!reference.getParent()?.getText().startsWith('Awaited<')
		)
			wrap(reference, 'Awaited<', '>');
		return;
	}
	if (
		Node.isImportSpecifier(parent) ||
		Node.isExportSpecifier(parent) ||
		Node.isImportClause(parent) ||
		Node.isExportAssignment(parent)
	)
		return;
	if (Node.isCallExpression(parent)) {
		const index = parent.getArguments().indexOf(reference);
		if (index >= 0) {
			asyncCallbackGiven(reference, parent, index);
			return;
		}
	}
	if (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === reference) {
		const grand = parent.getParent();
		if (Node.isCallExpression(grand) && grand.getExpression() === parent) {
			awaitCall(grand);
			return;
		}
		if (Node.isCallExpression(grand)) {
			const index = grand.getArguments().indexOf(parent);
			if (index >= 0) {
				asyncCallbackGiven(parent, grand, index);
				return;
			}
		}
	}
	// const g = f, and const { f } = await import(…): the uses of the other name.
	if (
		(Node.isVariableDeclaration(parent) && parent.getInitializer() === reference) ||
		Node.isBindingElement(parent)
	) {
		const local = parent.getNameNode();
		if (Node.isIdentifier(local) && !followed.has(local)) {
			followed.add(local);
			for (const use of referencesOf(local)) {
				if (use === local || use === reference || isSkipped(use.getSourceFile())) continue;
				const call = use.getParent();
				if (Node.isCallExpression(call) && call.getExpression() === use) awaitCall(call);
				else valueUse(use);
			}
		}
		return;
	}
	if (Node.isFunctionLikeDeclaration(parent) || Node.isVariableDeclaration(parent)) return;
	// The interface member an implementation made async: it returns a Promise now.
	if (Node.isMethodSignature(parent) || Node.isPropertySignature(parent)) {
		const type = Node.isMethodSignature(parent) ? parent : parent.getTypeNode();
		const result =
			Node.isMethodSignature(type) || Node.isFunctionTypeNode(type)
				? type.getReturnTypeNode()
				: undefined;
		if (!result) note(parent, 'an interface member whose implementation is now async (hand fix)');
		else if (!/^Promise</.test(result.getText()) && !signatures.has(parent)) {
			signatures.add(parent);
			// A method is implemented once (async now); a callback property may be given either.
			const text = result.getText();
			if (Node.isMethodSignature(parent)) wrap(result, 'Promise<', '>');
			else wrap(result, '', ` | Promise<${text === 'void' ? 'unknown' : text}>`);
			// Its calls are awaited.
			const name = parent.getNameNode();
			if (Node.isIdentifier(name))
				for (const use of referencesOf(name)) {
					const access = use.getParent();
					const call = access?.getParent();
					if (
						Node.isPropertyAccessExpression(access) &&
						access.getNameNode() === use &&
						Node.isCallExpression(call) &&
						call.getExpression() === access
					)
						awaitCall(call);
				}
		}
		return;
	}
	// { f } and { name: f }: the uses of the property.
	if (
		Node.isShorthandPropertyAssignment(parent) ||
		(Node.isPropertyAssignment(parent) && parent.getInitializer() === reference)
	) {
		const property = parent.getNameNode();
		if (followed.has(property) || !Node.isIdentifier(property)) return;
		followed.add(property);
		for (const use of referencesOf(property)) {
			if (use === property || use === reference || isSkipped(use.getSourceFile())) continue;
			const call = use.getParent();
			if (Node.isCallExpression(call) && call.getExpression() === use) awaitCall(call);
			else valueUse(use);
		}
		return;
	}

	note(reference, `a now-async function used as a value (${parent?.getKindName()}): check`);
}

/** Visits the callers of a function made async. */
function visitCallers(fn: Node): void {
	const nameNode = nameOf(fn) as Identifier | undefined;
	if (nameNode) {
		for (const reference of referencesOf(nameNode)) {
			if (reference === nameNode) continue;
			if (isSkipped(reference.getSourceFile())) continue;
			const parent = reference.getParent();
			if (Node.isCallExpression(parent) && parent.getExpression() === reference) awaitCall(parent);
			else valueUse(reference);
		}
		return;
	}
	const parent = fn.getParent();
	if (Node.isCallExpression(parent)) {
		const index = parent.getArguments().indexOf(fn);
		if (index >= 0) asyncCallbackGiven(fn, parent, index);
		return;
	}
	if (Node.isParenthesizedExpression(parent) && Node.isCallExpression(parent.getParent())) {
		note(fn, 'an immediately called function is now async: check');
		return;
	}
	note(fn, `an anonymous function made async (${parent?.getKindName()}): check its callers`);
}

/** The references of a name; TypeScript's search can overflow the stack on some types. */
function referencesOf(name: Identifier): Node[] {
	try {
		return name.findReferencesAsNodes();
	} catch (error) {
		note(name, `its references could not be searched (${(error as Error).name}): hand fix`);
		return [];
	}
}

function nameOf(fn: Node): Node | undefined {
	if (Node.isFunctionDeclaration(fn) || Node.isMethodDeclaration(fn)) return fn.getNameNode();
	const parent = fn.getParent();
	if (Node.isVariableDeclaration(parent) || Node.isPropertyAssignment(parent)) {
		const name = parent.getNameNode();
		return Node.isIdentifier(name) ? name : undefined;
	}
	if (Node.isPropertyDeclaration(parent)) return parent.getNameNode();
	if (Node.isFunctionExpression(fn)) return fn.getNameNode();
	return undefined;
}

// ---------------------------------------------------------------------------------------------
// The seeds: terminal calls, transactions, drizzle handles.

function terminalCall(call: CallExpression): void {
	const callee = call.getExpression();
	if (!Node.isPropertyAccessExpression(callee)) return;
	const method = callee.getName();
	if (!['all', 'get', 'run', 'values'].includes(method)) return;
	if (!isDrizzle(callee.getNameNode())) return;
	const receiver = callee.getExpression();
	const type = receiver.getType();
	if (isPreparedQuery(type) || (isDatabaseHandle(type) && call.getArguments().length > 0)) {
		preparedCall(call, method);
		return;
	}
	if (call.getArguments().length > 0) return;
	if (!type.getProperty('then')) {
		note(
			call,
			`.${method}() on a drizzle object that is not a query (prepared statement?): hand fix`
		);
		return;
	}
	if (method === 'values') {
		note(call, '.values() (rows as arrays) has no PostgreSQL twin: hand fix');
		return;
	}
	counts[method as 'all' | 'get' | 'run']++;
	const width = call.getWidth() + 1;
	edit(call, {
		start: receiver.getStart(),
		end: receiver.getStart(),
		text: '(await ',
		kind: 'open',
		width
	});
	// A select reads its first row only, as .get() did; insert/update/delete … returning take [0].
	const select = /^SQLiteSelect/.test(type.getSymbol()?.getName() ?? '');
	// .get() of insert … returning was typed as a row, not as possibly undefined: so is [0]!.
	const sure = method === 'get' && !call.getType().isUnion() && !call.getType().isAny();
	const close =
		method === 'get'
			? `${select && type.getProperty('limit') ? '.limit(1)' : ''})[0]${sure ? '!' : ''}`
			: ')';
	edit(call, { start: receiver.getEnd(), end: call.getEnd(), text: close, kind: 'close', width });
	makeAsync(enclosingFunction(call), call);
}

/** A statement prepared once (`.prepare()`): drizzle's async mode answers its calls with promises. */
function isPreparedQuery(type: Type): boolean {
	return !!type.getProperty('execute') && !type.getProperty('then') && !type.getProperty('prepare');
}

/** `db.get(sql\`…\`)` and the like: a raw statement run on the handle. */
function isDatabaseHandle(type: Type): boolean {
	return !!type.getProperty('transaction') && !!type.getProperty('select');
}

/** `statement.get(values)` → `(await statement.get(values))`, the same call awaited. */
function preparedCall(call: CallExpression, method: string): void {
	if (method === 'values') {
		note(call, '.values() (rows as arrays) has no PostgreSQL twin: hand fix');
		return;
	}
	counts.prepared++;
	const width = call.getWidth() + 1;
	edit(call, {
		start: call.getStart(),
		end: call.getStart(),
		text: '(await ',
		kind: 'open',
		width
	});
	edit(call, { start: call.getEnd(), end: call.getEnd(), text: ')', kind: 'close', width });
	makeAsync(enclosingFunction(call), call);
}

function transactionCall(call: CallExpression): void {
	const callee = call.getExpression();
	if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'transaction') return;
	if (!isDrizzle(callee.getNameNode())) return;
	const [body] = call.getArguments();
	const receiver = callee.getExpression();
	if (!body || !(Node.isArrowFunction(body) || Node.isFunctionExpression(body))) {
		note(call, 'a transaction whose body is not written in place (hand fix)');
		return;
	}
	counts.transactions++;
	need(call.getSourceFile(), TRANSACTION_MODULE, 'withTransaction');
	const width = call.getWidth() + 1;
	edit(call, {
		start: receiver.getStart(),
		end: receiver.getStart(),
		text: '(await withTransaction(',
		kind: 'open',
		width
	});
	edit(call, { start: receiver.getEnd(), end: body.getStart(), text: ', ', kind: 'close' });
	edit(call, { start: body.getEnd(), end: call.getEnd(), text: '))', kind: 'close', width });
	// The body: async, with Promise<T> for a declared T; no callers to visit (withTransaction).
	madeAsync.add(body);
	if (!body.isAsync()) {
		const at = Node.isArrowFunction(body)
			? body.getStart()
			: body.getFirstChildByKindOrThrow(SyntaxKind.FunctionKeyword).getStart();
		edit(body, { start: at, end: at, text: 'async ', kind: 'open' });
		const returnType = body.getReturnTypeNode();
		if (returnType && !/^Promise</.test(returnType.getText())) wrap(returnType, 'Promise<', '>');
	}
	makeAsync(enclosingFunction(call), call);
}

function connectionHandle(call: CallExpression): void {
	const callee = call.getExpression();
	if (!Node.isIdentifier(callee) || callee.getText() !== 'drizzle') return;
	const symbol = callee.getSymbol();
	const declaration = (
		symbol?.isAlias() ? symbol.getAliasedSymbol() : symbol
	)?.getDeclarations()[0];
	if (!declaration?.getSourceFile().getFilePath().includes('drizzle-orm/better-sqlite3')) return;
	const [connection] = call.getArguments();
	if (!connection) return;
	counts.connections++;
	need(call.getSourceFile(), CLIENT_MODULE, 'databaseOn');
	edit(call, {
		start: call.getStart(),
		end: call.getEnd(),
		text: `databaseOn(${connection.getText()})`,
		kind: 'close'
	});
}

// ---------------------------------------------------------------------------------------------

function moduleSpecifier(file: SourceFile, module: string): string {
	const from = relative(ROOT, file.getFilePath());
	const withoutExtension = module.replace(/\.ts$/, '');
	if (from.startsWith('src/routes/') || from.startsWith('src/hooks'))
		return withoutExtension.replace(/^src\/lib\//, '$lib/');
	let path = relative(resolve(ROOT, from, '..'), resolve(ROOT, withoutExtension));
	if (!path.startsWith('.')) path = `./${path}`;
	return path;
}

function importEdits(file: SourceFile): void {
	const byModule = imports.get(file);
	if (!byModule) return;
	for (const [module, names] of byModule) {
		const specifier = moduleSpecifier(file, module);
		const existing = file.getImportDeclarations().find((d) => {
			const target = d.getModuleSpecifierSourceFile();
			return target && relative(ROOT, target.getFilePath()) === module;
		});
		const wanted = [...names].filter(
			(name) => !existing?.getNamedImports().some((i) => i.getName() === name)
		);
		// drizzle's better-sqlite3 `drizzle` is gone where databaseOn took its place.
		if (wanted.length === 0) continue;
		if (existing && !existing.isTypeOnly() && existing.getNamedImports().length > 0) {
			const last = existing.getNamedImports().at(-1)!;
			edit(last, {
				start: last.getEnd(),
				end: last.getEnd(),
				text: `, ${wanted.join(', ')}`,
				kind: 'close'
			});
			continue;
		}
		const anchor = file.getImportDeclarations().at(-1);
		const text = `import { ${wanted.sort().join(', ')} } from '${specifier}';\n`;
		const at = anchor ? anchor.getEnd() + 1 : firstStatementStart(file);
		edits
			.get(file)!
			.push({ start: at, end: at, text, kind: 'open', width: Number.MAX_SAFE_INTEGER });
	}
}

function firstStatementStart(file: SourceFile): number {
	return file.getStatements()[0]?.getStart() ?? 0;
}

function apply(file: SourceFile, list: Edit[]): string {
	let text = file.getFullText();
	const ordered = [...list].sort(
		(a, b) =>
			b.start - a.start ||
			(a.kind === b.kind ? 0 : a.kind === 'open' ? -1 : 1) ||
			(a.kind === 'open' ? a.width - b.width : b.width - a.width)
	);
	let previousStart = Number.POSITIVE_INFINITY;
	for (const e of ordered) {
		if (e.end > previousStart) {
			report.push(
				`${relative(ROOT, file.getFilePath())}: overlapping edits at ${e.start} (hand fix)`
			);
			continue;
		}
		text = text.slice(0, e.start) + e.text + text.slice(e.end);
		previousStart = Math.min(previousStart, e.start);
	}
	return text;
}

/** drizzle's `drizzle` and the schema import, unused where databaseOn took their place. */
function unusedDrizzleImport(text: string): string {
	if (!/\bdrizzle\(/.test(text))
		text = text.replace(/import \{ drizzle \} from 'drizzle-orm\/better-sqlite3';\n/, '');
	const schemaImport = /import \* as schema from '[^']*';\n/;
	if (schemaImport.test(text) && identifierCount(text.replace(schemaImport, ''), 'schema') === 0)
		text = text.replace(schemaImport, '');
	return text;
}

function identifierCount(text: string, name: string): number {
	let found = 0;
	const visit = (node: ts.Node): void => {
		if (ts.isIdentifier(node) && node.text === name) found++;
		ts.forEachChild(node, visit);
	};
	visit(ts.createSourceFile('file.ts', text, ts.ScriptTarget.Latest, true));
	return found;
}

function main(): void {
	const started = Date.now();
	const project = new Project({ tsConfigFilePath: resolve(ROOT, 'tsconfig.json') });
	project.getSourceFileOrThrow(resolve(ROOT, CLIENT_MODULE)).replaceWithText(SYNCHRONOUS_CLIENT);
	const files = project.getSourceFiles().filter((file) => !isSkipped(file));
	console.error(`async-data-layer: ${files.length} files`);
	for (const file of files)
		for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
			terminalCall(call);
			transactionCall(call);
			connectionHandle(call);
		}
	console.error(`async-data-layer: seeds done (${Math.round((Date.now() - started) / 1000)} s)`);
	for (let next = queue.shift(); next; next = queue.shift()) visitCallers(next);
	console.error(`async-data-layer: fixpoint done (${Math.round((Date.now() - started) / 1000)} s)`);

	const changed: string[] = [];
	for (const file of [...edits.keys()]) importEdits(file);
	for (const [file, list] of edits) {
		if (list.length === 0) continue;
		const text = unusedDrizzleImport(apply(file, list));
		changed.push(file.getFilePath());
		if (!DRY_RUN) {
			file.replaceWithText(text);
			file.saveSync();
		}
	}
	if (!DRY_RUN) {
		for (let i = 0; i < changed.length; i += 100)
			execFileSync(
				'npx',
				['prettier', '--write', '--log-level=warn', ...changed.slice(i, i + 100)],
				{
					cwd: ROOT,
					stdio: 'inherit'
				}
			);
	}
	console.log(`async-data-layer: ${changed.length} files ${DRY_RUN ? 'would change' : 'changed'}`);
	console.log(JSON.stringify(counts));
	console.log(`To finish by hand (${report.length}):`);
	for (const line of [...new Set(report)].sort()) console.log(`  ${line}`);
}

main();
