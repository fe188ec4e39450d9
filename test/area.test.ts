import { resolve } from 'node:path';
import { loadAgency } from '../bot/config/agency';
import { createAreaChecker, postcodeIn } from '../bot/services/area';

const agency = loadAgency(resolve(__dirname, '../deploy/agency/demo.yaml'));
const { checkArea } = createAreaChecker(agency.serviceArea);
const check = (text: string) => checkArea({ text });

describe('checkArea', () => {
  it.each(['0150', '0150 Oslo', 'postcode 0150', ' 0150 ', 'postnummer: 0150', '０１５０'])(
    'should accept the postcode in %j',
    async (text) => {
      await expect(check(text)).resolves.toEqual({ kind: 'in_area', matched: '0150' });
    }
  );

  it('should accept postcodes inside a range', async () => {
    await expect(check('0190')).resolves.toEqual({ kind: 'in_area', matched: '0190' });
    await expect(check('0255')).resolves.toEqual({ kind: 'in_area', matched: '0255' });
  });

  it('should say a postcode outside the area is out of area', async () => {
    await expect(check('9990')).resolves.toEqual({ kind: 'out_of_area', matched: '9990' });
    await expect(check('0191')).resolves.toEqual({ kind: 'out_of_area', matched: '0191' });
  });

  it.each(['Riverside', 'riverside', 'Riversid', 'Rivresido', 'RIVERSIDE east', 'I live in Riverside West', 'Elvebredden'])(
    'should recognise the district in %j',
    async (text) => {
      await expect(check(text)).resolves.toEqual({ kind: 'in_area', matched: 'Riverside' });
    }
  );

  it('should forgive missing Norwegian letters', async () => {
    await expect(check('mollebekken')).resolves.toEqual({ kind: 'in_area', matched: 'Millbrook' });
  });

  it('should say a known place outside the area is out of area', async () => {
    await expect(check('stormvik')).resolves.toEqual({ kind: 'out_of_area', matched: 'Stormvik' });
  });

  it.each(['', 'somewhere', 'river', '015', '01500', 'Bergen'])('should not guess for %j', async (text) => {
    await expect(check(text)).resolves.toEqual({ kind: 'unrecognised' });
  });
});

describe('postcodeIn', () => {
  it('should include both ends of a range', () => {
    expect(postcodeIn('0150', ['0150-0190'])).toBe(true);
    expect(postcodeIn('0190', ['0150-0190'])).toBe(true);
    expect(postcodeIn('0149', ['0150-0190'])).toBe(false);
  });
});
