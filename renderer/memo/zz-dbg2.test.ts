import { it } from 'vitest';
import { createMemoMarkdownIt } from './markdown';
import { parseCitationTokens } from './tokens';
const A = '0b9f6a1e-3c2d-4e5f-8a7b-1c2d3e4f5a6b';
const B = '1c2d3e4f-5a6b-4c7d-9e8f-0a1b2c3d4e5f';
it('dbg', () => {
  const md = process.env.DOC!.replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\bA\b/g, A).replace(/\bB\b/g, B);
  console.log(parseCitationTokens(md).map(t => `${t.kind}:${t.uid.slice(0,1)}@${t.line}`));
  for (const t of createMemoMarkdownIt().parse(md, {})) console.log(' '.repeat(t.level*2) + t.type, t.map, t.type === 'inline' ? JSON.stringify(t.content.replaceAll(A,'A').replaceAll(B,'B')) : '', (t.children ?? []).filter(c => c.type==='quarry_ref' || c.type==='code_inline').map(c => c.type==='code_inline' ? 'CODE:'+c.content.replaceAll(A,'A').replaceAll(B,'B') : (c.meta as any).uid.slice(0,1)).join(','));
});
