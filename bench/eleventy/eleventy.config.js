// The peer in `npm run bench` (docs/decisions/0029): a minimal Eleventy 3 project that renders the
// same index and case pages as `evenhand build` (HTML and Markdown per case) from the build's own
// disclosure-log.json, named by EVENHAND_LOG. It validates, redacts and scans nothing.
export default function (eleventyConfig) {
  eleventyConfig.setQuietMode(true);
  return {
    dir: { input: '.', includes: '_includes', data: '_data' },
    templateFormats: ['njk'],
  };
}
