import { t } from '../../dialogs/render/catalogue';
import { formatHours } from '../../dialogs/render/format';
import type { AgencyInfo, Locale } from '../../dialogs/types';
import { html, type SafeHtml } from './html';
import { phoneLine, telHref, type PhoneLine } from './widget-strings';

/**
 * The fictional agency's home page with the chat open beside its contact details. It embeds the
 * widget with the same one-line snippet an agency would paste into its own site.
 */
export function demoPage(info: AgencyInfo, locale: Locale): string {
  const lines = (list: AgencyInfo['emergency']) => list.map((line) => phoneLine(line, locale, info.defaultLocale));
  const hours = formatHours(info.openingHours, locale).split('\n');
  const page = html`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${info.name}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/web/demo.css">
</head>
<body>
<header class="site-header"><p class="site-name">${info.name}</p></header>
<main class="layout">
  <div class="intro">
    <h1>${info.name}</h1>
    <p>${t(locale, 'welcome.whatICanDo')}</p>
  </div>
  <div id="doorway-chat" class="chat-slot"></div>
  <div class="details">
    <section class="emergency-box" aria-labelledby="emergency-heading">
      <h2 id="emergency-heading">${t(locale, 'widget.emergency')}</h2>
      <p>${t(locale, 'emergency.intro')}</p>
      ${phoneList(lines(info.emergency))}
      <p>${t(locale, 'emergency.helplines')}</p>
      ${phoneList(lines(info.helplines))}
    </section>
    <section aria-labelledby="contact-heading">
      <h2 id="contact-heading">${t(locale, 'widget.demo.contact')}</h2>
      <dl>
        <dt>${t(locale, 'widget.demo.phone')}</dt><dd><a href="${telHref(info.phone)}">${info.phone}</a></dd>
        <dt>${t(locale, 'widget.demo.address')}</dt><dd>${info.address}</dd>
        <dt>${t(locale, 'widget.demo.hours')}</dt><dd>${hours.map((line) => html`${line}<br>`)}</dd>
      </dl>
    </section>
    <p class="notice">${t(locale, 'widget.demo.notice')}</p>
  </div>
</main>
<script src="/embed.js" data-container="#doorway-chat" async></script>
</body>
</html>
`;
  return page.value;
}

function phoneList(lines: PhoneLine[]): SafeHtml {
  return html`<ul class="phone-list">${lines.map((line) => html`<li><a href="${line.tel}"><span class="number">${line.number}</span> <span class="label">${line.label}</span></a></li>`)}</ul>`;
}
