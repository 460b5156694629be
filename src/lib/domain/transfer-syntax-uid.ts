// The transfer syntaxes (PS3.5 §10, Annex A) that store the data set itself in another way, as
// opposed to those that only compress the pixel data: named once, for the server's reading and
// writing of files (server/dicom) and the viewer's (viewer/deflated-part10.ts, via part10-meta.ts).
export const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
export const DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1.99';
/** Retired, still met. */
export const EXPLICIT_VR_BIG_ENDIAN = '1.2.840.10008.1.2.2';
