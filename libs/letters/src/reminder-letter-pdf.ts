import PDFDocument from 'pdfkit';
import { letterText, ReminderLetter } from './reminder-letter';

// The PDF standard fonts have no Vietnamese glyphs (ư, ơ, ạ, ễ...): embed a TrueType font shipped in an npm
// package, so the Docker image and every machine render the same letter without system fonts. DejaVu Serif
// covers Vietnamese fully; pdfkit embeds only the glyphs used.
const FONT_FILES = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif-Bold.ttf'),
  italic: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif-Italic.ttf'),
  boldItalic: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif-BoldItalic.ttf'),
};
type Face = keyof typeof FONT_FILES;
type Align = 'left' | 'center';

// A4 with the margins of Decree 30/2020 (left 3 cm, others 2 cm), in points.
const CM = 28.3465;
const MARGIN = { top: 2 * CM, bottom: 2 * CM, left: 3 * CM, right: 2 * CM };
const BODY_SIZE = 11.5;
const TABLE_SIZE = 9.5;
const CELL_PAD = 4;

/** Renders the letter to a PDF buffer. */
export function renderLetterPdf(letter: ReminderLetter): Promise<Buffer> {
  const t = letterText(letter);
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    info: { Title: `${t.subject} - ${letter.agency.name}`, Author: t.centre, Subject: t.subject },
    lang: 'vi-VN',
  });
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const [face, file] of Object.entries(FONT_FILES)) doc.registerFont(face, file);
  const font = (face: Face, size: number) => doc.font(face).fontSize(size);

  const left = MARGIN.left;
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const top = MARGIN.top;

  // Letterhead: the issuing body on the left, the national motto on the right, each centred in its column.
  const leftCol = { x: left - 20, w: width * 0.45 };
  const rightCol = { x: left + width * 0.42, w: width * 0.6 };
  font('regular', 10.5).text(t.authority, leftCol.x, top, { width: leftCol.w, align: 'center' });
  font('bold', 10.5).text(t.centre, { width: leftCol.w, align: 'center' });
  rule(leftCol.x + leftCol.w * 0.3, leftCol.w * 0.4);
  font('regular', 10.5).moveDown(0.4).text(t.number, { width: leftCol.w, align: 'center' });
  font('regular', 10).moveDown(0.2).text(t.subject, { width: leftCol.w, align: 'center' });
  const leftBottom = doc.y;

  font('bold', 10.5).text(t.nation, rightCol.x, top, { width: rightCol.w, align: 'center' });
  font('bold', 11).text(t.motto, { width: rightCol.w, align: 'center' });
  rule(rightCol.x + rightCol.w * 0.22, rightCol.w * 0.56);
  font('italic', 11).moveDown(0.8).text(t.placeDate, rightCol.x, doc.y, { width: rightCol.w, align: 'center' });
  doc.y = Math.max(leftBottom, doc.y) + 18;

  font('regular', BODY_SIZE + 0.5).text(t.recipient, left, doc.y, { width, align: 'center' });
  doc.moveDown(0.8);
  paragraph(t.intro);
  doc.moveDown(0.4);
  table();
  doc.moveDown(0.6);
  paragraph(t.request);
  footer();
  doc.end();
  return done;

  function rule(x: number, w: number): void {
    // Below the descenders of the line above (DejaVu's line box is tight for stacked Vietnamese marks).
    const y = doc.y + 3;
    doc
      .moveTo(x, y)
      .lineTo(x + w, y)
      .lineWidth(0.6)
      .stroke();
    doc.y = y + 3;
  }

  function paragraph(text: string): void {
    font('regular', BODY_SIZE).text(text, left, doc.y, { width, align: 'justify', indent: CM, lineGap: 2 });
  }

  function table(): void {
    font('regular', TABLE_SIZE);
    // The case code must never wrap (it is what the agency searches for): size its column to the widest code.
    const codeWidth = Math.max(68, ...t.rows.map((r) => doc.widthOfString(r.code))) + 2 * CELL_PAD + 2;
    const widths = [34, codeWidth, 0, 70, 58];
    widths[2] = width - widths.reduce((a, b) => a + b, 0);
    const aligns: Align[] = ['center', 'left', 'left', 'center', 'center'];
    const header = () =>
      row(
        t.headers,
        'bold',
        widths,
        widths.map(() => 'center'),
      );
    header();
    if (!t.rows.length) row([t.emptyRow], 'regular', [width], ['center']);
    for (const r of t.rows) {
      const cells = [r.no, r.code, r.summary, r.due, r.daysOverdue];
      // A row that does not fit starts a new page, which repeats the column headings.
      if (doc.y + rowHeight(cells, 'regular', widths) > doc.page.height - MARGIN.bottom) {
        doc.addPage();
        header();
      }
      row(cells, 'regular', widths, aligns);
    }
  }

  function rowHeight(cells: string[], face: Face, widths: number[]): number {
    font(face, TABLE_SIZE);
    return Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i] - 2 * CELL_PAD }))) + 2 * CELL_PAD;
  }

  function row(cells: string[], face: Face, widths: number[], aligns: Align[]): void {
    const h = rowHeight(cells, face, widths);
    const y = doc.y;
    let x = left;
    cells.forEach((cell, i) => {
      doc.rect(x, y, widths[i], h).lineWidth(0.5).stroke();
      doc.text(cell, x + CELL_PAD, y + CELL_PAD, { width: widths[i] - 2 * CELL_PAD, align: aligns[i] });
      x += widths[i];
    });
    doc.x = left;
    doc.y = y + h;
  }

  function footer(): void {
    // Keep "Nơi nhận" and the signature together on one page.
    if (doc.y + 110 > doc.page.height - MARGIN.bottom) doc.addPage();
    const y = doc.y + 14;
    font('boldItalic', 10.5).text(t.recipientsTitle, left, y, { width: width * 0.5 });
    font('regular', 9.5);
    for (const r of t.recipients) doc.text(r, { width: width * 0.5 });
    font('bold', 11).text(t.signatureTitle, left + width * 0.5, y, { width: width * 0.5, align: 'center' });
    font('italic', 10).text(t.signatureNote, { width: width * 0.5, align: 'center' });
  }
}
