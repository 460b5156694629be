// The workstation renders in the browser only: Cornerstone needs WebGL and workers. The data still
// comes from +page.server.ts (the server decides what an annotator may see).
export const ssr = false;
