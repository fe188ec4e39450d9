import JSZip from 'jszip';
import { buildAppPackage, buildManifest, validateManifest } from '../bot/staff/teams/app-package';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('Teams app package', () => {
  it('should be valid against the manifest schema of its version, with bot, tab and SSO', () => {
    const manifest = buildManifest({});
    expect(validateManifest(manifest)).toEqual([]);
    expect(manifest).toMatchObject({
      bots: [expect.objectContaining({ scopes: ['personal', 'team'] })],
      staticTabs: [expect.objectContaining({ entityId: 'intake-queue' })],
      webApplicationInfo: expect.objectContaining({ resource: expect.stringContaining('api://') })
    });
  });

  it("should fill in this deployment's ids and host everywhere", () => {
    const botId = '11111111-2222-4333-8444-555555555555';
    const manifest = buildManifest({ appId: '99999999-2222-4333-8444-555555555555', botId, publicUrl: 'https://intake.agency.example' });
    const text = JSON.stringify(manifest);
    expect(manifest.id).toBe('99999999-2222-4333-8444-555555555555');
    expect(text).toContain(`api://intake.agency.example/${botId}`);
    expect(text).toContain('https://intake.agency.example/tab/');
    expect(text).not.toContain('doorway.example.org');
    expect(validateManifest(manifest)).toEqual([]);
  });

  it('should name what is wrong in an invalid manifest', () => {
    const problems = validateManifest({ ...buildManifest({}), id: 'not-a-guid', name: undefined } as never);
    expect(problems.join('\n')).toMatch(/name|id/);
    expect(problems.length).toBeGreaterThan(0);
  });

  it('should zip the manifest with a 192×192 colour icon and a 32×32 outline icon', async () => {
    const { zip, problems } = await buildAppPackage({});
    expect(problems).toEqual([]);
    const opened = await JSZip.loadAsync(zip);
    expect(Object.keys(opened.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const color = await opened.file('color.png')!.async('nodebuffer');
    const outline = await opened.file('outline.png')!.async('nodebuffer');
    expect(color.subarray(0, 4)).toEqual(PNG_SIGNATURE);
    expect(pngSize(color)).toEqual({ width: 192, height: 192 });
    expect(pngSize(outline)).toEqual({ width: 32, height: 32 });
  });
});
