// Rendering settings by device: software WebGL (SwiftShader, llvmpipe: no GPU, or a blocklisted one)
// draws every pixel on the CPU, so it gets no multisampling and one pixel per CSS pixel.

export interface RenderQuality { antialias: boolean; pixelRatio: number; software: boolean }

/** The GPU's name as WebGL reports it, '' when unknown. Creates and drops a throwaway context. */
function glRendererName(): string {
  try {
    const canvas = document.createElement('canvas');
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
    if (!gl) return '';
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return name;
  } catch {
    return '';
  }
}

export function isSoftwareRenderer(name: string): boolean {
  return /swiftshader|llvmpipe|softpipe|software|basic render driver/i.test(name);
}

export function chooseQuality(devicePixelRatio: number, rendererName = glRendererName()): RenderQuality {
  const software = isSoftwareRenderer(rendererName);
  const dpr = Math.max(1, devicePixelRatio || 1);
  return {
    software,
    antialias: !software && dpr < 2,        // at 2× the pixels themselves smooth edges enough
    pixelRatio: software ? 1 : Math.min(2, dpr),
  };
}
