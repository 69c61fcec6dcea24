// Word counts for imported bodies.

/**
 * db/util countWords, counted match by match: String.match would hold every
 * word of the text in one array (8 million strings for a 50 MB text) only to
 * read its length. The pattern is the same; limits.test.ts holds the two equal.
 */
export function countWordsOf(text: string): number {
  const word = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;
  let n = 0;
  while (word.exec(text) !== null) n++;
  return n;
}
