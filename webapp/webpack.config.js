// Builds webapp/dist/main.js. The host's libraries stay external: a bundled
// copy of React or react-redux would not see the host's providers.
const path = require('path');

module.exports = {
    entry: path.join(__dirname, 'src/index.tsx'),
    resolve: {
        extensions: ['.ts', '.tsx', '.js', '.jsx'],
    },
    module: {
        rules: [{
            test: /\.tsx?$/,
            exclude: /node_modules/,
            use: {loader: 'ts-loader', options: {transpileOnly: true, configFile: path.join(__dirname, '../tsconfig.json')}},
        }],
    },
    externals: {
        react: 'React',
        'react-dom': 'ReactDOM',
        redux: 'Redux',
        'react-redux': 'ReactRedux',
        'react-intl': 'ReactIntl',
        'prop-types': 'PropTypes',
        'react-bootstrap': 'ReactBootstrap',
        'react-router-dom': 'ReactRouterDom',
    },
    externalsType: 'window',
    output: {
        path: path.join(__dirname, 'dist'),
        filename: 'main.js',
    },
    performance: {hints: false},
    devtool: false,
};
