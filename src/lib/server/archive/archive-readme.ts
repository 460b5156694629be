// README.md at the top of an archive: what each folder holds and how to check it.

export const ARCHIVE_README = `# Study archive

The sealed package of a locked Tandem study, kept for the retention period. Every file is listed
with its SHA-256 and size in \`manifest.json\`, signed with the Tandem server's Ed25519 key
(\`manifest.sig\`, checked against \`public-key.pem\`): \`tandem archive verify <folder>\` checks the
signature and every file, and names each changed, missing or extra file.

| path | contents |
|---|---|
| \`protocol/revisions.json\` | every loaded revision of the protocol: its number, version label, SHA-256 over the protocol files and each file's SHA-256, why it was amended, when it was loaded, and which is current |
| \`protocol/revision-N.json\` | the validated protocol of revision N |
| \`dataset/versions.json\` | the frozen dataset versions: fingerprint, case and image counts, who froze it and when, and any reopening with its reason |
| \`dataset/images.csv\` | every image of every case with its SHA-256 |
| \`records/reads.jsonl\` | every read (corrections included), one JSON object a line, with the real reader codes, arms and case ids |
| \`records/ai-outputs.json\` | the study's AI model (name, version, weights SHA-256, threshold, failure rule) and its sealed output on each case |
| \`records/lock.json\` | the database lock: fingerprint and its recipe, reason, who and when, the per-item seal, and the verification made when the archive was written |
| \`signatures/signatures.json\` | the electronic signatures of the study: signer, role, meaning, time, and the SHA-256 of what was signed |
| \`audit/events.jsonl\` | the study's audit events, each with its hash and the previous event's hash |
| \`audit/chain.json\` | the verification of the whole audit chain when the archive was written, its head and every signed checkpoint |
| \`report/\`, \`report-zh/\` | the performance-verification report in English and in Simplified Chinese (\`report.html\`, \`report.pdf\` unless it could not be printed — \`manifest.json\` says why — and \`analysis.json\`) |
| \`blind-export/\` | the study's latest blind export as the evaluator received it, with its own signed manifest (\`tandem export verify\`) |

The records hold real ids: this archive is the sponsor's record, not a blind export.
`;
