import { describe, expect, it } from 'vitest';
import { defaultChatExtensionIds, noChatIn, productChatExtensionId } from '../../src/core/chat/chatReach';

const copilotChat = {
  id: 'GitHub.copilot-chat',
  packageJSON: { contributes: { chatParticipants: [{ id: 'github.copilot.default', isDefault: true }, { id: 'github.copilot.terminal' }] } },
};
const otherParticipant = { id: 'ms-azuretools.vscode-azure-github-copilot', packageJSON: { contributes: { chatParticipants: [{ id: 'azure' }] } } };
const plain = { id: 'esbenp.prettier-vscode', packageJSON: { contributes: {} } };

describe('whether a chat in this editor shows BYOK models', () => {
  it('VS Code before 1.104 (no provider API): chat cannot, whatever is installed', () => {
    expect(noChatIn({ editor: 'code-server 1.99.3', hasChatProviderApi: false, defaultChatExtensions: ['GitHub.copilot-chat'] })).toEqual({
      editor: 'code-server 1.99.3',
      reason: 'api',
    });
  });

  it('the API but no chat view (code-server 4.104, VSCodium, Cursor without Copilot Chat): the models have nowhere to show', () => {
    const facts = { editor: 'code-server 1.104.0', hasChatProviderApi: true, defaultChatExtensions: defaultChatExtensionIds([plain, otherParticipant]) };
    expect(noChatIn(facts)).toEqual({ editor: 'code-server 1.104.0', reason: 'view' });
  });

  it('GitHub Copilot Chat enabled (its default participant is the chat view): chat shows them', () => {
    expect(defaultChatExtensionIds([plain, copilotChat, otherParticipant])).toEqual(['GitHub.copilot-chat']);
    expect(noChatIn({ editor: 'Code 1.104.2', hasChatProviderApi: true, defaultChatExtensions: ['GitHub.copilot-chat'] })).toBeUndefined();
  });

  it('an editor that sets up its own chat extension (VS Code, code-server 4.139: a fresh profile has it not enabled yet): chat shows them', () => {
    const product = JSON.stringify({ nameShort: 'code-server', defaultChatAgent: { extensionId: 'GitHub.copilot', chatExtensionId: 'GitHub.copilot-chat' } });
    expect(productChatExtensionId(product)).toBe('GitHub.copilot-chat');
    expect(noChatIn({ editor: 'code-server 1.139.1', hasChatProviderApi: true, defaultChatExtensions: [], productChatExtension: productChatExtensionId(product) })).toBeUndefined();
  });

  it('a product.json without a chat agent, or one that cannot be read, names none', () => {
    expect(productChatExtensionId(JSON.stringify({ nameShort: 'VSCodium' }))).toBeUndefined();
    expect(productChatExtensionId('{ not json')).toBeUndefined();
    expect(productChatExtensionId(undefined)).toBeUndefined();
  });
});
