import { loadConfig } from '../../src/config/load-config.js';
import { portInUseLine, startupLine } from '../../src/startup-line.js';

describe('the line a person reads at start-up', () => {
  test('demo mode with a non-default port: the demo EHR, the CDS service and the FHIR server, on that port', () => {
    const config = loadConfig({ PORT: '8081' });
    expect(startupLine(config, { host: '0.0.0.0', port: 8081 })).toBe(
      'rectal-cds is ready (demo mode, listening on 0.0.0.0:8081): demo EHR http://localhost:8081/ · CDS service http://localhost:8081/cds-services · FHIR server http://localhost:8081/fhir',
    );
  });

  test('production: only the CDS service, at its public URL', () => {
    const config = loadConfig({ CDS_MODE: 'production', PUBLIC_BASE_URL: 'https://cds.example.org', AUTH_DISABLED: 'true' });
    expect(startupLine(config, { host: '0.0.0.0', port: 8080 })).toBe(
      'rectal-cds is ready (production mode, listening on 0.0.0.0:8080): CDS service https://cds.example.org/cds-services',
    );
  });

  test('a port in use says what to do', () => {
    expect(portInUseLine({ host: '0.0.0.0', port: 8080 })).toMatch(/0\.0\.0\.0:8080 is in use\. .*PORT=8081 npm start/);
  });
});
