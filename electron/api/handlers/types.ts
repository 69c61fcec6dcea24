import type { MethodName, MethodResult, ParsedInput } from '../contract';
import type { Context } from '../context';

export type Handler<K extends MethodName> = (ctx: Context, input: ParsedInput<K>) => MethodResult<K> | Promise<MethodResult<K>>;
export type Handlers = { [K in MethodName]: Handler<K> };
export type HandlerGroup<K extends MethodName> = { [P in K]: Handler<P> };
