/** The shop's stylesheet, inlined into every page (no build step, no external requests). */
export const styles = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.6 -apple-system,BlinkMacSystemFont,"PingFang SC","Microsoft YaHei","Segoe UI",sans-serif;background:#f4f5f9;color:#1f2430}
a{color:#4f46e5;text-decoration:none}a:hover{text-decoration:underline}
.wrap{max-width:1080px;margin:0 auto;padding:0 20px}
header{background:#fff;border-bottom:1px solid #e6e8ef}
header .wrap{display:flex;align-items:center;gap:28px;height:64px}
.brand{display:flex;align-items:center;gap:10px;color:#1f2430;font-weight:700;font-size:18px}
.brand:hover{text-decoration:none}
.logo{width:34px;height:34px;border-radius:9px;background:linear-gradient(135deg,#6366f1,#a855f7);color:#fff;display:grid;place-items:center;font-size:17px}
.brand small{display:block;font-weight:400;font-size:11px;color:#8a90a2;line-height:1}
nav{display:flex;gap:20px;flex:1}nav a{color:#4a5063}
.user{display:flex;align-items:center;gap:12px;color:#4a5063;font-size:14px}
.hero{background:linear-gradient(120deg,#312e81,#6d28d9);color:#fff;padding:28px 0;margin-bottom:28px}
.hero h1{margin:0;font-size:24px}.hero p{margin:4px 0 0;opacity:.8}
main{padding-bottom:48px;min-height:60vh}
h1.page{font-size:22px;margin:28px 0 4px}.sub{color:#8a90a2;margin:0 0 20px;font-size:14px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:18px}
.card{background:#fff;border:1px solid #e6e8ef;border-radius:12px;padding:20px}
.product{display:flex;flex-direction:column;gap:10px;padding:0;overflow:hidden;color:inherit}
.product:hover{text-decoration:none;box-shadow:0 6px 20px rgba(49,46,129,.1)}
.tile{height:92px;display:flex;align-items:flex-end;padding:12px 16px;color:#fff;font-weight:700;font-size:20px;letter-spacing:.5px}
.product .body{padding:0 16px 16px;display:flex;flex-direction:column;gap:6px;flex:1}
.title{font-weight:600}.en{color:#8a90a2;font-size:13px}
.row{display:flex;align-items:center;justify-content:space-between;margin-top:auto}
.price{color:#e11d48;font-weight:700;font-size:20px}
.badge{display:inline-block;padding:1px 9px;border-radius:99px;font-size:12px;background:#eef0f6;color:#4a5063}
.badge.ok{background:#dcfce7;color:#166534}.badge.warn{background:#fef3c7;color:#92400e}
.badge.bad{background:#fee2e2;color:#991b1b}.badge.info{background:#e0e7ff;color:#3730a3}
.cols{display:grid;grid-template-columns:1.3fr 1fr;gap:20px;align-items:start}
@media(max-width:800px){.cols{grid-template-columns:1fr}nav{display:none}}
label{display:block;font-size:13px;color:#4a5063;margin:12px 0 4px}
input,select,textarea{width:100%;padding:9px 11px;border:1px solid #d5d9e4;border-radius:8px;font:inherit;background:#fff}
textarea{min-height:80px}
button,.button{display:inline-block;border:0;border-radius:8px;padding:10px 18px;font:inherit;font-weight:600;cursor:pointer;background:#4f46e5;color:#fff}
button.secondary{background:#eef0f6;color:#1f2430}button.danger{background:#fee2e2;color:#991b1b}
button:disabled{opacity:.5;cursor:not-allowed}
form.inline{display:inline}
.wide{width:100%;margin-top:16px}
dl.facts{display:grid;grid-template-columns:130px 1fr;gap:8px 12px;margin:0}
dl.facts dt{color:#8a90a2;font-size:14px}dl.facts dd{margin:0;word-break:break-all}
.codes{list-style:none;padding:0;margin:8px 0 0}
.codes li{font-family:ui-monospace,Menlo,Consolas,monospace;background:#f4f5f9;border:1px dashed #c7cbe0;border-radius:8px;padding:8px 12px;margin-bottom:6px;font-size:15px}
.notice{padding:12px 16px;border-radius:10px;margin:20px 0 0;background:#dcfce7;color:#166534}
.notice.bad{background:#fee2e2;color:#991b1b}
.hint{color:#8a90a2;font-size:13px}
.admin{border-style:dashed;background:#fbfbfd}
.admin h3{margin-top:0;font-size:15px}
.stack>*+*{margin-top:16px}
table{width:100%;border-collapse:collapse;font-size:14px}
th,td{text-align:left;padding:8px;border-bottom:1px solid #eef0f6}th{color:#8a90a2;font-weight:500}
.mail pre{white-space:pre-wrap;font:14px/1.7 ui-monospace,Menlo,Consolas,monospace;background:#f9fafb;border-radius:8px;padding:12px;margin:8px 0 0}
footer{border-top:1px solid #e6e8ef;padding:20px 0;color:#8a90a2;font-size:13px;background:#fff}
`
