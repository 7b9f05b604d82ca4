// Word lists that decide how a name is read: common words, titles, honours, particles, role words.
// ---------------------------------------------------------------------------------------------
// Word lists
// ---------------------------------------------------------------------------------------------

/**
 * Surnames (and party words) that are also everyday English words. On their own they are matched
 * only when capitalised, so "a baker" and "we hope" survive while "Baker" and "HOPE" do not.
 * A surname missing from this list is matched in any case: that over-redacts, it never leaks.
 */
export const COMMON_WORDS = new Set(
  `
  a an am as at be by do go he if in is it me my no of on or so to up us we
  able alliance april baker bank banks barber bark barker barn bass bay beach bean bear beck bell bells best
  bird bishop black bloom blue bolt bond bone booth bower bowler brace brand brewer bridge bridges
  bright brook brooks brown buck bull bunting burn burns bush butcher butler cake cannon card carpenter
  carter cash castle chalk chamberlain chambers chance chase cheese church clay close coates cole
  collar constable cook cooke cooper cotton crane cross crow dale dance dancer dawn day deal dean dear
  deer dove down downs drake drew duck duke dyer eagle earl early east english fair faith farmer field
  fields finch fish fisher fletcher flower flowers ford forest forester fox frank free freeman friend
  frost fry fuller gale gardener gates gay gentle gill glass gold golden good goodman goose grace grant
  gray green grey guest hale hall hammer hand hands hardy harper hart harvest hatch hawk hay head heart
  heath hedge hedges high hill hills holder holly home hood hook hope horn house howe hunt hunter ivy
  jack jay jewel joy judge keen king kite knight lake lamb land lane lark law lawyer light lily little
  lock locke long lord love lovely major march mark marks marsh marshal marshall martin mason may mayor
  meadow meadows mellow merry mill miller millar mills moon moore moss mould nail noble north nurse
  oak oakes orchard over page paine palmer paradise park parker parks parrot parson patience payne
  peace pearl penny pepper person pike pine piper pitt plant pledge plum plumb pond pool pope porter
  potter pound power powers price pride prince proud quick rains raven ray read reader reed reeves
  reform rice rich rider ridge ring rivers robin rock rose ross rowe royal rush sage sale salt sands
  savage scales seal sexton sharp shaw shepherd sheriff shield ship shore short silver singer skinner
  slade slater small smart snow sole south spark sparks spear speed spencer spring squire stamp starr
  steel steele sterling steward stock stocks stone storm stout strange street strong summer summers
  swan sweet swift tall tanner temple thatcher thorn tower tree trim trout tucker tune turner vale
  vicar vine wade wake walker wall walls ward warren wash waters way weaver webb well wells west wheeler
  white wild wilde will wills wing winter wise wolf wood woods wool worth wren yard young
  labour liberal conservative independent green unionist democrat democrats socialist workers heritage
  `
    .split(/\s+/)
    .filter(Boolean),
);

/** Words before a name that are not part of it ("Dr Jane Smith", "Councillor Hughes"). */
export const TITLES = new Set(
  'mr mrs ms miss mx dr prof professor sir dame lord lady cllr councillor rev revd reverend hon rt the'.split(' '),
);
/** Words after a name that are not part of it ("John Smith OBE"). */
export const SUFFIXES = new Set('jr jnr sr snr ii iii iv obe mbe cbe kbe dbe qpm kc qc mp msp ms am mla jp dl phd esq'.split(' '));
/** Lower-case words that belong inside surnames ("van der Berg", "ap Rhys", "Ní Bhriain"). */
export const PARTICLES = new Set('van von der den de del della di da du la le ap ab bin ibn al el ni nic mac st'.split(' '));
/** Aliases containing these words describe a role, not a name, so no surname is derived from them. */
export const ROLE_WORDS = new Set(
  'candidate candidates party team campaign office pcc commissioner police crime council agent the for and of'.split(' '),
);

export function isCommonWord(folded: string): boolean {
  return COMMON_WORDS.has(folded.toLowerCase());
}
