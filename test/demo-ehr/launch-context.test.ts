import fc from 'fast-check';
import { decodeLaunch, encodeLaunch } from '../../src/demo-ehr/launch-context.js';
import { FHIR_ID } from '../../src/domain/ids.js';

describe('demo EHR launch context', () => {
  test('round-trips the patient and the card appContext', () => {
    const ctx = { patient: 'v01-kras-g12d-liver', appContext: '{"ruleId":"RC-03"}' };
    const launch = encodeLaunch(ctx);
    expect(launch).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeLaunch(launch)).toEqual(ctx);
  });

  test('any FHIR id and appContext text round-trips', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9\-.]{1,64}$/).filter((id) => FHIR_ID.test(id)), fc.option(fc.string({ maxLength: 200 }), { nil: undefined }), (patient, appContext) => {
        const ctx = appContext === undefined ? { patient } : { patient, appContext };
        expect(decodeLaunch(encodeLaunch(ctx))).toEqual(ctx);
      }),
    );
  });

  test.each([
    ['not base64', 'xyz!'],
    ['not JSON', Buffer.from('hello').toString('base64url')],
    ['no patient', Buffer.from('{"appContext":"x"}').toString('base64url')],
    ['a patient that is not a FHIR id', Buffer.from('{"patient":"../Patient/x"}').toString('base64url')],
  ])('rejects %s', (_why, launch) => {
    expect(decodeLaunch(launch)).toBeUndefined();
  });
});
