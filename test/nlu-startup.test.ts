import { createNlu } from '../dialogs/nlu';

describe('NLU start-up', () => {
  const nlu = createNlu(['en', 'nb', 'de', 'zh-Hans', 'zh-Hant'], { eager: ['en'] });

  it('should catch a crisis in any language before that language is trained', () => {
    expect(nlu.recognize('jeg orker ikke å leve mer', 'en').crisis?.type).toBe('self_harm');
    expect(nlu.recognize('ich will nicht mehr leben', 'en').crisis?.type).toBe('self_harm');
    expect(nlu.recognize('我不想活了', 'en').crisis?.type).toBe('self_harm');
  });

  it('should understand every language once warmed up', async () => {
    await nlu.warmUp();
    expect(nlu.recognize('jeg klarer ikke å betale husleia', 'nb').category?.category).toMatch(/housing|financial/);
    expect(nlu.recognize('Ich habe meine Arbeit verloren', 'de').category?.category).toBe('employment');
  });
});
