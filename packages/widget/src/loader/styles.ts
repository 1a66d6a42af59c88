/**
 * The launcher's own styles, inside a closed shadow root. `:host` resets with `!important`, which
 * beats even `* { … !important }` on the page (important rules from the inner tree win), so
 * inherited fonts, colours and line heights from the shop never leak in.
 */
export const launcherCss = `
:host{all:initial!important;display:block!important;position:static!important;width:0!important;height:0!important}
*{box-sizing:border-box;margin:0;padding:0;font:14px/1.4 system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif}
.l,.p,.t{position:fixed;z-index:2147483000;bottom:20px;right:20px}
.left .l,.left .p,.left .t{right:auto;left:20px}
.l{width:56px;height:56px;border:0;border-radius:50%;background:var(--c);color:var(--f);cursor:pointer;display:grid;place-items:center;box-shadow:0 4px 14px rgba(0,0,0,.18),0 1px 3px rgba(0,0,0,.12);transition:transform .15s}
.l:hover{transform:scale(1.05)}
.l:focus-visible{outline:3px solid var(--c);outline-offset:3px}
.l svg{width:28px;height:28px;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round}
.open .l .i,.l .x{display:none}
.open .l .x{display:block}
.b{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;padding:0 6px;border-radius:10px;background:#e5484d;color:#fff;font-size:12px;font-weight:600;line-height:20px;text-align:center;box-shadow:0 0 0 2px #fff}
.p{bottom:88px;width:380px;height:min(680px,calc(100vh - 108px));border-radius:16px;overflow:hidden;background:#fff;box-shadow:0 12px 48px rgba(0,0,0,.18),0 2px 8px rgba(0,0,0,.08);display:none}
.open .p{display:block}
.p iframe{border:0;width:100%;height:100%;display:block;visibility:hidden;color-scheme:light}
.ready .p iframe{visibility:visible}
.s{position:absolute;inset:0;display:grid;place-items:center;color:#667;}
.ready .s{display:none}
.t{bottom:88px;max-width:260px;padding:10px 14px;border-radius:12px;background:#1f2328;color:#fff;box-shadow:0 4px 14px rgba(0,0,0,.2);pointer-events:none}
[hidden]{display:none!important}
@media (max-width:639px){.p{inset:0;width:auto;height:auto;border-radius:0}.open .l{display:none}}
@media (prefers-reduced-motion:reduce){.l{transition:none}}
`
