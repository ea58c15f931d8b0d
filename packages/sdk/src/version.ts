/** This SDK's version (kept equal to package.json by a test), reported to the control plane. */
export const SDK_VERSION = '0.1.0';
