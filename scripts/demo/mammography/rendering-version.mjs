// The version of how the mammography demo draws its views (mammo-plan.ts, render-view.ts). The
// images' generation.json records it; `npm start` regenerates images drawn by another version, so
// a checkout never pairs the demo detector with views it was not calibrated on. Raise it with any
// change to what the views look like.
export const MAMMO_RENDERING = 2;
