// What the importer understands of a project.qde, before any text is read.
// GUIDs here are normalised (lower-case, no braces) and unique: duplicates
// and invalid ones were replaced by fresh GUIDs while reading.

export interface RefiCode {
  guid: string;
  name: string;
  color: string | null; // as written; parsed later so the warning can name the code
  description: string;
  children: RefiCode[];
  noteRefs: string[];
}

export interface RefiSelection {
  guid: string;
  name: string | null;
  start: number; // as written, unit not yet known
  end: number;
  description: string;
  codeRefs: string[];
  noteRefs: string[];
  created: string | null;
  modified: string | null;
}

export interface RefiVariableValue {
  variable: string; // variable GUID
  value: string;
}

export interface RefiTextSource {
  guid: string;
  name: string;
  plainTextPath: string | null;
  plainTextContent: string | null;
  selections: RefiSelection[];
  wholeSourceCodings: number; // Coding directly on the source: Quarry codes passages only
  noteRefs: string[];
  values: RefiVariableValue[];
  created: string | null;
}

export interface RefiNote {
  guid: string;
  name: string;
  text: string | null;
  plainTextPath: string | null;
  created: string | null;
  modified: string | null;
  innerSelections: number; // QualCoder-style selections inside a note: not carried
}

export interface RefiLink {
  origin: string | null;
  target: string | null;
}

export interface RefiCase {
  guid: string;
  name: string | null;
  values: RefiVariableValue[];
  sourceRefs: string[];
}

export interface RefiProject {
  name: string;
  origin: string;
  description: string;
  codes: RefiCode[];
  variables: Map<string, string>; // GUID -> name
  cases: RefiCase[];
  sources: RefiTextSource[];
  notes: RefiNote[];
  links: RefiLink[];
  /** Elements Quarry cannot represent, counted by kind, for the data-loss report. */
  notCarried: Map<string, number>;
}
