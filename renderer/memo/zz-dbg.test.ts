import { it } from 'vitest';
import { createMemoMarkdownIt } from './markdown';
import { EMBED_BLOCK, INLINE_REF, refMeta } from './plugin';
import { parseCitationTokens } from './tokens';
const A = '0b9f6a1e-3c2d-4e5f-8a7b-1c2d3e4f5a6b';
const B = '1c2d3e4f-5a6b-4c7d-9e8f-0a1b2c3d4e5f';
const brief = (md: string) => parseCitationTokens(md).map((t) => `${t.kind}:${t.uid.slice(0,1)}${t.block ? ':block' : ''}@${t.line}`);
function mi(md: string): string[] {
  const out: string[] = [];
  for (const t of createMemoMarkdownIt().parse(md, {})) {
    if (t.type === EMBED_BLOCK) out.push(`embed:${refMeta(t).uid.slice(0,1)}:block`);
    for (const c of t.children ?? []) if (c.type === INLINE_REF) out.push(`${refMeta(c).kind}:${refMeta(c).uid.slice(0,1)}`);
  }
  return out;
}
it('dbg', () => {
    const pool = [
      '', '', 'plain text', `text [[hl:${A}]]`, `![[hl:${B}]]`, `  ![[hl:${A}]]`, '```', '~~~', '    indented',
      `    [[hl:${A}]]`, `> [[hl:${B}]]`, '> ```', `> ![[hl:${A}]]`, '- item', `- [[hl:${A}]]`, `  [[hl:${B}]]`,
      `      [[hl:${B}]]`, '1. one', `2. ![[hl:${B}]]`, `# h [[hl:${A}]]`, '---', 'a `code', `b\` [[hl:${B}]]`,
      `\t[[hl:${A}]]`, `#[[theme:${A}]]`, '  ```', `- ![[hl:${A}]]`, '> - x', '>', `>     [[hl:${A}]]`,
      `  - sub [[hl:${B}]]`, `   1. x ![[hl:${A}]]`, `> > [[hl:${A}]]`, '> > ```', '````', `\\[[hl:${A}]] \\\\[[hl:${B}]]`, '* * *', '***', '===',
      `| ${`[[hl:${A}]]`} | b |`, '|---|---|', `*\t[[hl:${B}]]`, `10) ten [[hl:${A}]]`, '-', `    - [[hl:${B}]]`, `>\t![[hl:${A}]]`,
      `\`\` [[hl:${A}]] \``, `\` [[hl:${B}]] \`\``, '   ```', '    ```', `   > ![[hl:${B}]]`, `- > ![[hl:${A}]]`, `- - ![[hl:${B}]]`,
    ];
    let seed = Number(process.env.SEED ?? 42);
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) % 1_000_003) / 1_000_003;
    let fails = 0;
    for (let doc = 0; doc < Number(process.env.N ?? 400); doc++) {
      const lines = Array.from({ length: 4 + Math.floor(rand() * 10) }, () => pool[Math.floor(rand() * pool.length)]);
      const md = lines.join('\n');
      const a = brief(md).map(x => x.replace(/@\d+$/, '')), b = mi(md);
      if (JSON.stringify(a) !== JSON.stringify(b)) {
        fails++;
        if (fails <= 3) console.log(md.split('\n').map((l, i) => `${i+1}| ${l.replace(A,'A').replace(B,'B')}`).join('\n'), '\nSCAN', brief(md), '\nMDIT', b);
      }
    }
    console.log('fails', fails);
});
