// Builds the stand-in host page script; React and the other host libraries are
// bundled here because this page plays the Mattermost web app that provides them.
//   default          e2e-host.js: the root package's React 18 (the 11.x web app's versions)
//   --env react=19   e2e-host19.js: e2e/host19's React 19 and friends (Mattermost 12)
// With --mode=development, e2e-host19-dev.js: React's development build, whose
// warnings name what React 19 removed (the tests fail on any).
const path = require('path');

module.exports = (env = {}, argv = {}) => {
    const react19 = String(env.react) === '19';
    const name = `e2e-host${react19 ? '19' : ''}${argv.mode === 'development' ? '-dev' : ''}`;
    return {
        entry: path.join(__dirname, 'host.tsx'),
        resolve: {
            extensions: ['.ts', '.tsx', '.js'],

            // host19's packages first, for host.tsx and for every package they
            // require, so one React 19 serves react-redux, react-intl and react-bootstrap.
            modules: react19 ? [path.join(__dirname, '../host19/node_modules'), 'node_modules'] : ['node_modules'],
        },
        module: {
            rules: [{
                test: /\.tsx?$/,
                exclude: /node_modules/,
                use: {loader: 'ts-loader', options: {transpileOnly: true, configFile: path.join(__dirname, '../../tsconfig.json')}},
            }],
        },
        output: {path: path.join(__dirname, 'dist'), filename: `${name}.js`},
        performance: {hints: false},
        devtool: false,
    };
};
