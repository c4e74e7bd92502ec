import type { BackendName } from './backend-names';

/** WebGL drawn on the CPU: SwiftShader (Chromium without a usable GPU), Mesa's llvmpipe and softpipe. */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software/i;

/** Whether a WebGL renderer string names a software rasteriser. */
export function isSoftwareRenderer(renderer: string): boolean {
  return SOFTWARE_RENDERER.test(renderer);
}

/**
 * Whether the page can rule `backend` out in milliseconds, before a probe worker boots for it (0.3–0.4 s
 * each, measured by bench:startup): WebGPU without an adapter, WebGL without a context or drawn in
 * software, which trains far slower than wasm and would spend the probe's 2 s warm-up floor proving it.
 * wasm and cpu are never ruled out here. Side effect: a WebGL context, released before returning.
 */
export async function ruledOutInPage(backend: BackendName): Promise<boolean> {
  if (backend === 'webgpu') {
    const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<object | null> } }).gpu;
    return !gpu || (await gpu.requestAdapter().catch(() => null)) === null;
  }
  if (backend !== 'webgl') return false;
  const canvas = document.createElement('canvas');
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  if (!gl) return true;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return isSoftwareRenderer(renderer);
}
