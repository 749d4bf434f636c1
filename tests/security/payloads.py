"""A catalogue of hostile HTML and URLs for article bodies, written for this newsroom.

Every payload, if it ever ran, would set ``window.__pwned`` or open a dialog, so a browser
can tell. They cover script tags in many spellings, event handlers, script-bearing URLs
with entity, whitespace and case tricks, SVG and MathML, CSS, meta refresh and base,
forms, frames, noscript/template and mutation-XSS shapes, comments and CDATA, attributes
broken out of, DOM clobbering and Unicode look-alikes.
"""

PWN = "window.__pwned=1"

# (name, html): whole fragments as a reporter or an importer might paste them.
HTML_PAYLOADS: list[tuple[str, str]] = [
    # <script> in many spellings
    ("script", f"<script>{PWN}</script>"),
    ("script-upper", f"<SCRIPT>{PWN}</SCRIPT>"),
    ("script-mixed-case", f"<ScRiPt>{PWN}</sCrIpT>"),
    ("script-src-data", f"<script src=data:,{PWN}></script>"),
    ("script-slash-attr", f"<script/xss>{PWN}</script>"),
    ("script-double-open", f"<<script>{PWN}//<</script>"),
    ("script-newlines", f"<script\n>{PWN}</script\n>"),
    ("script-nested-split", f"<scr<script>ipt>{PWN}</scr</script>ipt>"),
    ("script-type-js", f'<script type="text/javascript">{PWN}</script>'),
    ("script-module", f'<script type="module">{PWN}</script>'),
    ("script-breaking-out-of-p", f"</p><script>{PWN}</script><p>"),
    ("script-cdata-comment", f"<p>x</p><script>/*<![CDATA[*/{PWN}/*]]>*/</script>"),
    ("script-unclosed", f"<p>x</p><script>{PWN}"),
    ("script-nul-in-name", f"<scr\x00ipt>{PWN}</scr\x00ipt>"),
    # event handlers
    ("img-onerror", f"<img src=x onerror={PWN}>"),
    ("img-onerror-upper", f'<IMG SRC=x ONERROR="{PWN}">'),
    ("img-onerror-entity", '<img src="x" onerror="&#119;indow.__pwned=1">'),
    ("img-slashes", f"<img/src/onerror={PWN}>"),
    ("img-vertical-tab", f"<img src=x onerror\x0b={PWN}>"),
    ("img-newline-before-equals", f"<img src=x onerror\n={PWN}>"),
    ("img-eval-src", "<img src=x:alert(1) onerror=eval(src)>"),
    ("img-js-unicode-escape", "<img src=x onerror=\\u0061lert(1)>"),
    ("body-onload", f"<body onload={PWN}>"),
    ("svg-onload", f"<svg onload={PWN}>"),
    ("p-onclick", f'<p onclick="{PWN}">انقر هنا</p>'),
    ("a-onmouseover", f'<a href="https://example.org/" onmouseover="{PWN}">رابط</a>'),
    ("details-ontoggle", f"<details open ontoggle={PWN}><summary>x</summary></details>"),
    ("input-autofocus", f"<input autofocus onfocus={PWN}>"),
    ("video-source-onerror", f'<video><source onerror="{PWN}"></video>'),
    ("audio-onerror", f"<audio src=x onerror={PWN}>"),
    ("marquee-onstart", f"<marquee onstart={PWN}>x</marquee>"),
    ("animation-handler", f'<p style="animation:x 1s" onanimationstart="{PWN}">x</p>'),
    ("ol-start-breakout", f'<ol start="1 onmouseover={PWN}"><li>x</li></ol>'),
    # frames, objects, forms
    ("iframe-js", '<iframe src="javascript:window.top.__pwned=1"></iframe>'),
    ("iframe-srcdoc", '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>'),
    ("iframe-data", '<iframe src="data:text/html,<script>parent.__pwned=1</script>"></iframe>'),
    ("object-js", f'<object data="javascript:{PWN}"></object>'),
    ("embed-js", f'<embed src="javascript:{PWN}">'),
    ("form-action-js", f'<form action="javascript:{PWN}"><button>x</button></form>'),
    ("button-formaction", f'<form><button formaction="javascript:{PWN}">x</button></form>'),
    ("isindex", f"<isindex action=javascript:{PWN} type=image>"),
    # SVG and MathML
    ("svg-script", f"<svg><script>{PWN}</script></svg>"),
    ("svg-xlink", f'<svg><a xlink:href="javascript:{PWN}"><text x=20 y=20>x</text></a></svg>'),
    ("svg-animate-onbegin", f"<svg><animate onbegin={PWN} attributeName=x dur=1s>"),
    ("svg-set-href", f'<svg><a><set attributeName="href" to="javascript:{PWN}"/>x</a></svg>'),
    ("svg-style-entity", f"<svg><style>&lt;img src=x onerror={PWN}&gt;</style></svg>"),
    ("math-xlink", f'<math><a xlink:href="javascript:{PWN}">x</a></math>'),
    # mutation XSS: markup the parser and the serialiser may read differently
    ("mxss-math-mglyph", f"<math><mtext><table><mglyph><style><img src=x onerror={PWN}>"),
    ("mxss-noscript-title", f'<noscript><p title="</noscript><img src=x onerror={PWN}>">'),
    ("mxss-svg-style", f'<svg></p><style><a id="</style><img src=1 onerror={PWN}>">'),
    (
        "mxss-form-math",
        f"<form><math><mtext></form><form><mglyph><style></math><img src onerror={PWN}>",
    ),
    ("mxss-select-noembed", f"<select><noembed></select><script>{PWN}</script>"),
    ("template-script", f"<template><script>{PWN}</script></template>"),
    ("template-img", f"<template><img src=x onerror={PWN}></template>"),
    # comments, CDATA, attributes broken out of
    ("comment-split", f'<!--<img src="--><img src=x onerror={PWN}//">'),
    ("conditional-comment", f"<!--[if gte IE 4]><script>{PWN}</script><![endif]-->"),
    ("cdata", f"<![CDATA[<script>{PWN}</script>]]>"),
    ("title-breakout", f'<p title="</p><script>{PWN}</script>">x</p>'),
    ("quote-breakout", f'<a href="https://example.org/" title=\'x" onmouseover="{PWN}\'>x</a>'),
    ("href-breakout", f"<a href='https://example.org/\"><script>{PWN}</script>'>x</a>"),
    # document-level tricks
    ("meta-refresh", f'<meta http-equiv="refresh" content="0;url=javascript:{PWN}">'),
    ("base-href", f'<base href="javascript:/a/"><a href=",{PWN}">x</a>'),
    ("link-import", f'<link rel=import href="data:text/html,<script>{PWN}</script>">'),
    ("dom-clobbering", '<a id="__pwned" name="__pwned" href="https://example.org/">x</a>'),
    # CSS
    ("style-import", f"<style>@import 'javascript:{PWN}';</style>"),
    ("style-url", f'<style>*{{background:url("javascript:{PWN}")}}</style>'),
    ("inline-style-url", f'<div style="background:url(javascript:{PWN})">x</div>'),
    ("inline-style-expression", f'<div style="width: expression({PWN})">x</div>'),
    ("inline-style-behavior", '<p style="behavior:url(#default#time2)">x</p>'),
    ("unknown-tag-style", f'<xss style="x:expression({PWN})">x</xss>'),
    ("img-srcset-js", '<img srcset="x 1x, javascript:alert(1) 2x">'),
    # look-alikes and encodings that must stay text
    ("js-unicode-escapes-as-text", "\\u003cscript\\u003ewindow.__pwned=1\\u003c/script\\u003e"),
    ("fullwidth-brackets", f"＜script＞{PWN}＜/script＞"),
    ("percent-encoded", "<p>%3Cscript%3Ewindow.__pwned=1%3C/script%3E</p>"),
    ("entity-encoded-tag", "&lt;script&gt;window.__pwned=1&lt;/script&gt;"),
    ("rtl-override-in-tag", f"<p>\u202e<script>{PWN}</script>\u202c</p>"),
]

# Addresses a link might be given; only http(s), mailto and tel may stay.
URL_PAYLOADS: list[tuple[str, str]] = [
    ("javascript", f"javascript:{PWN}"),
    ("javascript-mixed-case", f"JaVaScRiPt:{PWN}"),
    ("javascript-leading-space", f" javascript:{PWN}"),
    ("javascript-leading-control", f"\x01javascript:{PWN}"),
    ("javascript-tab-entity", f"java&#x09;script:{PWN}"),
    ("javascript-raw-tab", f"java\tscript:{PWN}"),
    ("javascript-newline-entity", f"jav&#x0A;ascript:{PWN}"),
    (
        "javascript-decimal-entities",
        "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;window.__pwned=1",
    ),
    ("javascript-hex-entity", f"&#x6A;avascript:{PWN}"),
    ("javascript-padded-entity", f"&#0000106avascript:{PWN}"),
    ("javascript-colon-entity", f"javascript&colon;{PWN}"),
    ("javascript-colon-no-semicolon", f"javascript&#58{PWN}"),
    ("javascript-comment-newline", f"javascript://%0A{PWN}"),
    ("vbscript", "vbscript:msgbox(1)"),
    ("data-html", f"data:text/html,<script>{PWN}</script>"),
    ("data-base64", "data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+"),
    ("data-svg", f"data:image/svg+xml,<svg onload='{PWN}'/>"),
    ("file", "file:///etc/passwd"),
    ("blob", "blob:https://example.org/1234"),
    ("filesystem", "filesystem:https://example.org/temporary/x"),
]

SAFE_SCHEMES = {"http", "https", "mailto", "tel"}


def url_payloads_as_links() -> list[tuple[str, str]]:
    return [(f"href-{name}", f'<p><a href="{url}">رابط</a></p>') for name, url in URL_PAYLOADS]


def all_payloads() -> list[tuple[str, str]]:
    return HTML_PAYLOADS + url_payloads_as_links()
